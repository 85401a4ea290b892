<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComingSoonScreen</name>
    <message>
        <location filename="../../screens/coming_soon.py" line="17"/>
        <source>This service is coming soon on this terminal.</source>
        <translation>本终端即将开通此项服务。</translation>
    </message>
    <message>
        <location filename="../../screens/coming_soon.py" line="18"/>
        <source>Please ask at the service hall window or call 12345.</source>
        <translation>请到大厅窗口咨询，或拨打 12345。</translation>
    </message>
    <message>
        <location filename="../../screens/coming_soon.py" line="23"/>
        <source>Coming soon</source>
        <translation>即将开通</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <location filename="../../screens/countdown.py" line="29"/>
        <source>Are you still there?</source>
        <translation>还在办理吗？</translation>
    </message>
    <message>
        <location filename="../../screens/countdown.py" line="33"/>
        <source>Continue</source>
        <translation>继续办理</translation>
    </message>
    <message>
        <location filename="../../screens/countdown.py" line="72"/>
        <source>Returning to the home screen in %1 seconds</source>
        <translation>%1 秒后返回首页</translation>
    </message>
</context>
<context>
    <name>Features</name>
    <message>
        <location filename="../../kiosk/app.py" line="66"/>
        <source>Apply</source>
        <translation>我要办事</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="67"/>
        <source>Progress query</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="68"/>
        <source>Service guides</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="69"/>
        <source>Rate a service</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="70"/>
        <source>Complaints and suggestions</source>
        <translation>投诉建议</translation>
    </message>
    <message>
        <location filename="../../kiosk/app.py" line="71"/>
        <source>Queue ticket</source>
        <translation>取号</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../screens/home.py" line="18"/>
        <source>Government Services Self-Service Terminal</source>
        <translation>政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="26"/>
        <source>Open 24 hours. One visit, one form, one receipt.</source>
        <translation>24小时自助办理：一次办、一张表、一张回执。</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="27"/>
        <source>Have your ID card ready. Paper materials are photographed here.</source>
        <translation>请准备好身份证，纸质材料可在本机拍照提交。</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="28"/>
        <source>Works even when the network is down: what you submit is uploaded later.</source>
        <translation>网络中断也能办理，提交的材料会在联网后自动上传。</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="29"/>
        <source>Need help? Ask the staff for assisted service, or call %1.</source>
        <translation>需要帮助？请找工作人员帮办代办，或拨打 %1。</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="39"/>
        <source>Apply</source>
        <translation>我要办事</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="39"/>
        <source>Apply for a matter or a &apos;one thing&apos; bundle</source>
        <translation>办理事项或“一件事”</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="40"/>
        <source>Progress</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="40"/>
        <source>Scan your receipt or read your ID card</source>
        <translation>扫回执二维码或刷身份证</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="41"/>
        <source>Service guides</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="41"/>
        <source>What to bring, how long it takes</source>
        <translation>带什么材料、多久办好</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="42"/>
        <source>Rate a service</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="42"/>
        <source>Good or bad, tell us</source>
        <translation>办得好不好，请您评价</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="43"/>
        <source>Complaints and suggestions</source>
        <translation>投诉建议</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="43"/>
        <source>Could not get it done? Tell us</source>
        <translation>办不成事反映、咨询</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="44"/>
        <source>Queue ticket</source>
        <translation>取号</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="44"/>
        <source>Take a number for a hall window</source>
        <translation>大厅窗口排队取号</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="57"/>
        <source>Elder mode</source>
        <translation>长者模式</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="64"/>
        <source>Voice guide</source>
        <translation>语音提示</translation>
    </message>
    <message>
        <location filename="../../screens/home.py" line="81"/>
        <source>Welcome. Touch a large button to begin.</source>
        <translation>欢迎使用，请点击大按钮开始办理。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../screens/widgets/keypad.py" line="25"/>
        <location filename="../../screens/widgets/keypad.py" line="28"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../screens/widgets/keypad.py" line="30"/>
        <location filename="../../screens/widgets/keypad.py" line="32"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../screens/main_window.py" line="21"/>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="22"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="23"/>
        <source>Camera</source>
        <translation>高拍仪</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="79"/>
        <source>Online</source>
        <translation>网络正常</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="79"/>
        <source>Offline</source>
        <translation>网络断开（可离线办理）</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="79"/>
        <source>Network: checking</source>
        <translation>网络检测中</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="82"/>
        <source>To upload: %1</source>
        <translation>待上传 %1</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="97"/>
        <source>Government Services Self-Service Terminal</source>
        <translation>政务服务自助终端</translation>
    </message>
    <message>
        <location filename="../../screens/main_window.py" line="147"/>
        <source>Assisted mode: %1</source>
        <translation>帮办模式：%1</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../screens/base.py" line="114"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../screens/base.py" line="116"/>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>
