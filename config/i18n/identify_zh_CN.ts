<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../screens/identify.py" line="102"/>
        <source>Place your ID card flat on the reader below the screen (the area marked with the card symbol) and keep it still.</source>
        <translation>请将身份证平放在屏幕下方的读卡区（有身份证标志的位置），保持不动。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="106"/>
        <location filename="../../screens/identify.py" line="241"/>
        <location filename="../../screens/identify.py" line="249"/>
        <source>Waiting for the card…</source>
        <translation>正在等待身份证…</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="121"/>
        <source>Use the e-ID code of my phone</source>
        <translation>用手机电子身份码</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="124"/>
        <source>Yes, this is me: continue</source>
        <translation>是我本人，继续办理</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="150"/>
        <source>Identify with your ID card</source>
        <translation>刷身份证</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="153"/>
        <source>Please place your ID card on the reader.</source>
        <translation>请把身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="182"/>
        <source>The e-ID code cannot be checked on this terminal right now. Please use your ID card.</source>
        <translation>本机暂时无法核验电子身份码，请使用身份证。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="185"/>
        <source>Checking your e-ID code…</source>
        <translation>正在核验电子身份码…</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="197"/>
        <source>This e-ID code has expired. Please refresh the code on your phone and show it again.</source>
        <translation>此电子身份码已过期。请在手机上刷新后重新出示。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="200"/>
        <source>This e-ID code is not known. Please refresh the code on your phone and show it again.</source>
        <translation>无法识别此电子身份码。请在手机上刷新后重新出示。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="207"/>
        <source>e-ID checked.</source>
        <translation>电子身份码核验成功。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="217"/>
        <source>The e-ID code could not be checked right now. Please try again, or use your ID card.</source>
        <translation>暂时无法核验电子身份码，请重试或使用身份证。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="231"/>
        <source>The card reader is out of service.</source>
        <translation>读卡器暂停服务。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="232"/>
        <source>Please use the e-ID QR code of your phone, or ask the staff for help.</source>
        <translation>请使用手机上的电子身份码，或请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="233"/>
        <source>Please ask the staff for help.</source>
        <translation>请工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="245"/>
        <source>Please lift the card and place it again.</source>
        <translation>请拿起身份证，重新放置。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="257"/>
        <source>This card has expired. Please renew it; staff can help you.</source>
        <translation>此身份证已过有效期，请及时换领；工作人员可以帮您。</translation>
    </message>
    <message>
        <location filename="../../screens/identify.py" line="260"/>
        <source>Card read. Please check your name.</source>
        <translation>读卡成功，请核对您的姓名。</translation>
    </message>
</context>
</TS>
