<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminDevicesPage</name>
    <message>
        <location filename="../../screens/admin_devices.py" line="20"/>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="21"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="22"/>
        <source>Camera</source>
        <translation>高拍仪</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="23"/>
        <source>Storage</source>
        <translation>本地存储</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="26"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="27"/>
        <location filename="../../screens/admin_devices.py" line="34"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="28"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="29"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="30"/>
        <source>Not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="33"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="35"/>
        <source>Fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="36"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="60"/>
        <source>Device status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="66"/>
        <source>Run the self-test</source>
        <translation>运行设备自检</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="78"/>
        <source>The self-test stopped: %1</source>
        <translation>自检中断：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="81"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="83"/>
        <source>Test the card reader</source>
        <translation>测试读卡</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="85"/>
        <source>Camera preview</source>
        <translation>高拍仪预览</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="117"/>
        <source>Platform: online</source>
        <translation>政务服务平台：已连接</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="117"/>
        <source>Platform: offline</source>
        <translation>政务服务平台：未连接</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="119"/>
        <source>Waiting to upload: %1</source>
        <translation>待上传：%1 件</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="120"/>
        <source>No device has reported yet.</source>
        <translation>尚无设备上报状态。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="160"/>
        <source>Self-test running…</source>
        <translation>正在自检…</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="186"/>
        <source>Self-test passed.</source>
        <translation>自检通过。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="187"/>
        <source>Self-test failed: %1</source>
        <translation>自检未通过：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="194"/>
        <source>No printer is configured.</source>
        <translation>未配置打印机。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="198"/>
        <source>Printing a test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="203"/>
        <source>Test page printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="208"/>
        <source>Test page not printed: %1</source>
        <translation>测试页未打印：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="213"/>
        <source>No ID card reader is configured.</source>
        <translation>未配置身份证阅读器。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="217"/>
        <source>Place a card on the reader…</source>
        <translation>请在阅读器上放置身份证…</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="224"/>
        <source>Card read: %1</source>
        <translation>已读卡：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_devices.py" line="230"/>
        <source>No camera is configured.</source>
        <translation>未配置高拍仪。</translation>
    </message>
</context>
<context>
    <name>AdminQueuePage</name>
    <message>
        <location filename="../../screens/admin_queue.py" line="20"/>
        <source>Queued</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="21"/>
        <source>Sending</source>
        <translation>上传中</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="22"/>
        <source>Rejected</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="23"/>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="24"/>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="52"/>
        <source>Sync now</source>
        <translation>立即上传</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="72"/>
        <source>The offline store is not available.</source>
        <translation>离线存储不可用。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="88"/>
        <source>Nothing in this state.</source>
        <translation>此状态下没有记录。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="99"/>
        <source>Attempts: %1</source>
        <translation>已尝试 %1 次</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="103"/>
        <source>Queue again</source>
        <translation>重新排队上传</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="108"/>
        <source>Print the receipt again</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="131"/>
        <source>Not queued again: %1</source>
        <translation>未能重新排队：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="133"/>
        <source>Queued again.</source>
        <translation>已重新排队。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="142"/>
        <source>No printer is configured.</source>
        <translation>未配置打印机。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="151"/>
        <source>Cannot print this receipt again: %1</source>
        <translation>无法补打此回执：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="154"/>
        <source>Printing the receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="158"/>
        <source>Receipt %1 printed.</source>
        <translation>回执 %1 已打印。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="163"/>
        <source>Receipt not printed: %1</source>
        <translation>回执未打印：%1</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="169"/>
        <source>No platform connection (not enrolled or not started).</source>
        <translation>未连接政务服务平台（终端未注册或同步未启动）。</translation>
    </message>
    <message>
        <location filename="../../screens/admin_queue.py" line="174"/>
        <source>Sending now.</source>
        <translation>正在上传。</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../screens/admin.py" line="43"/>
        <source>Technician PIN</source>
        <translation>请输入维护密码</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="60"/>
        <location filename="../../screens/admin.py" line="180"/>
        <source>Maintenance</source>
        <translation>终端维护</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="65"/>
        <source>Too many wrong PINs. Locked for %1 s.</source>
        <translation>密码错误次数过多，已锁定 %1 秒。</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="89"/>
        <source>Wrong PIN, try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="111"/>
        <location filename="../../screens/admin.py" line="139"/>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="112"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="113"/>
        <source>Queue</source>
        <translation>上传队列</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="137"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="138"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="140"/>
        <source>Screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="142"/>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="143"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="144"/>
        <source>Camera</source>
        <translation>高拍仪</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="145"/>
        <source>Platform</source>
        <translation>政务服务平台</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="146"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="156"/>
        <source>Restart the app</source>
        <translation>重启终端程序</translation>
    </message>
    <message>
        <location filename="../../screens/admin.py" line="158"/>
        <source>Exit kiosk</source>
        <translation>退出自助终端程序</translation>
    </message>
</context>
</TS>
