<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../screens/identify.py" line="28" />
        <source>Place your ID card flat on the reader below the screen (the area marked with the card symbol) and keep it still.</source>
        <translation>请将身份证平放在屏幕下方的读卡区（有身份证标志的位置），保持不动。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="31" />
        <location filename="../../screens/identify.py" line="81" />
        <source>Waiting for the card…</source>
        <translation>正在等待身份证…</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="47" />
        <source>Yes, this is me: continue</source>
        <translation>是我本人，继续办理</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="65" />
        <source>Identify with your ID card</source>
        <translation>刷身份证</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="68" />
        <source>Please place your ID card on the reader.</source>
        <translation>请把身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="72" />
        <source>The card reader is out of service.</source>
        <translation>读卡器暂停服务。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="73" />
        <source>Please use the e-ID QR code of your phone, or ask the staff for help.</source>
        <translation>请使用手机上的电子身份码，或请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="77" />
        <source>Please lift the card and place it again.</source>
        <translation>请拿起身份证，重新放置。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="92" />
        <source>This card has expired. Please renew it; staff can help you.</source>
        <translation>此身份证已过有效期，请及时换领；工作人员可以帮您。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="96" />
        <source>Card read. Please check your name.</source>
        <translation>读卡成功，请核对您的姓名。</translation>
    </message>
</context>
</TS>