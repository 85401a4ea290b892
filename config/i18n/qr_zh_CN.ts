<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QrScanScreen</name>
    <message>
        <location filename="../../screens/qr_scan.py" line="81"/>
        <source>Use my ID card instead</source>
        <translation>改用身份证</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="82"/>
        <source>Type the number instead</source>
        <translation>改为输入编号</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="89"/>
        <source>The camera is not available on this terminal.</source>
        <translation>本机摄像头暂不可用。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="90"/>
        <source>Please use the other way below.</source>
        <translation>请使用下面的其他方式。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="97"/>
        <source>Show your e-ID code</source>
        <translation>出示电子身份码</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="98"/>
        <source>Scan the receipt&apos;s QR code</source>
        <translation>扫描回执二维码</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="101"/>
        <source>Open the e-ID code on your phone and hold it under the camera.</source>
        <translation>请在手机上打开电子身份码，放到摄像头下方。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="102"/>
        <source>Hold the QR code of your receipt under the camera.</source>
        <translation>请把回执上的二维码放到摄像头下方。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="105"/>
        <source>Hold the code flat inside the yellow frame, about a hand&apos;s width under the camera, and keep it still.</source>
        <translation>请将二维码平放在黄色框内，距摄像头约一掌宽，保持不动。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="135"/>
        <source>The code could not be read. Hold it flat and still, a little further from the camera.</source>
        <translation>二维码无法识别。请放平、保持不动，离摄像头稍远一点。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="141"/>
        <source>This is not an e-ID code. Please open the e-ID code on your phone.</source>
        <translation>这不是电子身份码。请在手机上打开电子身份码。</translation>
    </message>
    <message>
        <location filename="../../screens/qr_scan.py" line="143"/>
        <source>This code is not a receipt of this service. Please try again.</source>
        <translation>这不是本服务的回执二维码，请重试。</translation>
    </message>
</context>
</TS>
