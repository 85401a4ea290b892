<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FeedbackScreen</name>
    <message>
        <location filename="../../screens/feedback.py" line="19"/>
        <source>Complaint or suggestion</source>
        <translation>投诉建议</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="20"/>
        <source>Could not get it done</source>
        <translation>办不成事反映</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="21"/>
        <source>Question</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="49"/>
        <source>What is it about?</source>
        <translation>反映类别</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="61"/>
        <source>Tell us what happened</source>
        <translation>请告诉我们发生了什么</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="67"/>
        <source>Phone for our answer (optional)</source>
        <translation>联系电话，用于答复（可不填）</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="70"/>
        <source>Related receipt number (optional)</source>
        <translation>相关办件回执编号（可不填）</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="80"/>
        <source>Type here</source>
        <translation>在此输入</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="83"/>
        <source>Type the text</source>
        <translation>输入内容</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="90"/>
        <source>Send</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="99"/>
        <source>Complaints and suggestions</source>
        <translation>投诉建议</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="102"/>
        <source>Choose what it is about, then tell us what happened.</source>
        <translation>请选择反映类别，再告诉我们发生了什么。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="112"/>
        <source>Please choose what it is about.</source>
        <translation>请选择反映类别。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="114"/>
        <source>Please write a few words about what happened.</source>
        <translation>请简单写下发生了什么。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="116"/>
        <source>The phone number should be 7 to 12 digits.</source>
        <translation>电话号码应为7至12位数字。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="119"/>
        <source>This terminal cannot take feedback right now. Please call %1.</source>
        <translation>本终端暂时无法受理意见反映，请拨打 %1。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="126"/>
        <source>Your feedback could not be saved: %1</source>
        <translation>您的意见未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="131"/>
        <source>Thank you. Reference number: %1</source>
        <translation>谢谢！反映编号：%1</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="137"/>
        <source>No printer: please note the reference number.</source>
        <translation>未连接打印机，请记下编号。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="147"/>
        <source>Please take your slip.</source>
        <translation>请取走回执单。</translation>
    </message>
    <message>
        <location filename="../../screens/feedback.py" line="152"/>
        <source>The slip could not be printed (%1).</source>
        <translation>回执单未能打印（%1）。</translation>
    </message>
</context>
<context>
    <name>ManualIdentityScreen</name>
    <message>
        <location filename="../../screens/assisted.py" line="26"/>
        <source>ID card damaged or unreadable</source>
        <translation>身份证损坏或无法读取</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="27"/>
        <source>Card not at hand, identity checked by staff</source>
        <translation>未带身份证，已由工作人员核验身份</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="28"/>
        <source>Card reader out of order</source>
        <translation>读卡器故障</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="29"/>
        <source>Applying on behalf of the person</source>
        <translation>代他人办理</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="162"/>
        <location filename="../../screens/assisted.py" line="221"/>
        <source>Manual identity entry is only allowed in assisted mode, with a staff member signed in.</source>
        <translation>仅在帮办模式下（工作人员已登录）才允许手工录入身份。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="164"/>
        <source>Why is the card not read?</source>
        <translation>无法读卡的原因</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="176"/>
        <location filename="../../screens/assisted.py" line="180"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="177"/>
        <source>ID number (18 characters)</source>
        <translation>身份证号码（18位）</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="178"/>
        <location filename="../../screens/assisted.py" line="182"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="181"/>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="187"/>
        <source>Type</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="194"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="194"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="211"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="217"/>
        <source>Resident identity (entered by staff)</source>
        <translation>办事人身份（工作人员录入）</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="226"/>
        <source>Please choose why the card is not read.</source>
        <translation>请选择无法读卡的原因。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="228"/>
        <source>Please enter the name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="230"/>
        <source>This ID number is not valid: check all 18 characters.</source>
        <translation>身份证号码无效，请核对全部18位。</translation>
    </message>
</context>
<context>
    <name>QueryScreen</name>
    <message>
        <location filename="../../screens/query.py" line="20"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="21"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="22"/>
        <source>Needs correction</source>
        <translation>需补正</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="23"/>
        <source>Finished</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="24"/>
        <source>Result mailed</source>
        <translation>结果已寄出</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="25"/>
        <source>Ready for pickup</source>
        <translation>可到窗口领取</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="26"/>
        <source>Accepted here, not uploaded yet</source>
        <translation>本机已受理，尚未上传</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="49"/>
        <source>Place your ID card on the reader to see all your applications.</source>
        <translation>请将身份证放在读卡区，查看您的全部办件。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="51"/>
        <source>The ID card reader is not available: use the receipt instead.</source>
        <translation>读卡器不可用，请使用回执查询。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="71"/>
        <source>Another query</source>
        <translation>再查一次</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="82"/>
        <source>Progress query</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="85"/>
        <source>Scan the QR code of your receipt, or place your ID card on the reader.</source>
        <translation>请扫描回执二维码，或将身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="108"/>
        <source>Looking up your applications…</source>
        <translation>正在查询您的办件…</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="117"/>
        <source>The query failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="131"/>
        <source>Current information from the government service platform.</source>
        <translation>以下为政务服务平台的最新信息。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="133"/>
        <source>Offline: the status saved on this terminal %1 minutes ago.</source>
        <translation>网络未连接：以下为本机 %1 分钟前保存的状态。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="136"/>
        <source>Offline: only what this terminal knows is shown.</source>
        <translation>网络未连接：仅显示本机已知的信息。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="138"/>
        <source>No application found.</source>
        <translation>未查到办件。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="150"/>
        <source>Receipt: %1</source>
        <translation>回执编号：%1</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="153"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="159"/>
        <source>Still needed: %1</source>
        <translation>尚需补交：%1</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="161"/>
        <source>Tracking number: %1</source>
        <translation>快递单号：%1</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="163"/>
        <source>Print the receipt again</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="176"/>
        <source>This receipt cannot be printed again here: %1</source>
        <translation>此回执无法在本机补打：%1</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="180"/>
        <source>Printing the receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="184"/>
        <source>Please take your receipt from the printer.</source>
        <translation>请从出纸口取走回执。</translation>
    </message>
    <message>
        <location filename="../../screens/query.py" line="188"/>
        <source>The receipt could not be printed (%1).</source>
        <translation>回执未能打印（%1）。</translation>
    </message>
</context>
<context>
    <name>RateEarlierScreen</name>
    <message>
        <location filename="../../screens/rate_earlier.py" line="15"/>
        <source>Which application do you want to rate?</source>
        <translation>您要评价哪一件办件？</translation>
    </message>
    <message>
        <location filename="../../screens/rate_earlier.py" line="22"/>
        <source>Rate a service</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location filename="../../screens/rate_earlier.py" line="25"/>
        <source>Scan the QR code of your receipt, or type its number.</source>
        <translation>请扫描回执二维码，或输入回执编号。</translation>
    </message>
</context>
<context>
    <name>ReceiptEntry</name>
    <message>
        <location filename="../../screens/around_common.py" line="56"/>
        <source>Hold the QR code of your receipt under the camera.</source>
        <translation>请将回执上的二维码放在高拍仪下。</translation>
    </message>
    <message>
        <location filename="../../screens/around_common.py" line="58"/>
        <source>Or type the 11 digits printed after the terminal code on your receipt (date and number).</source>
        <translation>或输入回执编号中终端代码之后的11位数字（日期和序号）。</translation>
    </message>
    <message>
        <location filename="../../screens/around_common.py" line="83"/>
        <source>This code is not a receipt of this service. Please try again.</source>
        <translation>这不是本服务的回执二维码，请重试。</translation>
    </message>
    <message>
        <location filename="../../screens/around_common.py" line="99"/>
        <source>Please type all 11 digits: 6 for the date, 5 for the number.</source>
        <translation>请输入完整的11位数字：6位日期和5位序号。</translation>
    </message>
    <message>
        <location filename="../../screens/around_common.py" line="109"/>
        <source>(no digits yet)</source>
        <translation>（尚未输入）</translation>
    </message>
</context>
<context>
    <name>StaffSignInScreen</name>
    <message>
        <location filename="../../screens/assisted.py" line="22"/>
        <source>Switch to assisted mode</source>
        <translation>切换到帮办模式</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="60"/>
        <source>Enter a resident&apos;s identity by hand</source>
        <translation>手工录入办事人身份</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="62"/>
        <source>Go to the home screen (assisted)</source>
        <translation>返回首页（帮办模式）</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="64"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="76"/>
        <source>Assisted service: staff sign-in</source>
        <translation>帮办代办：工作人员登录</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="84"/>
        <source>Signed in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="86"/>
        <source>Staff: place your own ID card on the reader.</source>
        <translation>工作人员：请将本人身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="88"/>
        <source>The ID card reader is not available: staff cannot sign in.</source>
        <translation>读卡器不可用，工作人员无法登录。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="100"/>
        <source>This card is not on the staff list of this terminal.</source>
        <translation>此证件不在本终端的工作人员名单中。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="105"/>
        <source>%1, please enter your PIN.</source>
        <translation>%1，请输入您的密码。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="126"/>
        <source>Too many wrong PINs: sign-in is locked for a while.</source>
        <translation>密码错误次数过多，登录已暂时锁定。</translation>
    </message>
    <message>
        <location filename="../../screens/assisted.py" line="127"/>
        <source>Wrong PIN, try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../screens/ticket.py" line="40"/>
        <source>Choose the window you need.</source>
        <translation>请选择您要办理的窗口类别。</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="63"/>
        <source>Queue ticket</source>
        <translation>排队取号</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="66"/>
        <source>Touch the window you need to take a number.</source>
        <translation>请点击您要办理的窗口类别取号。</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="71"/>
        <source>Tickets cannot be issued on this terminal right now. Please ask at the information desk.</source>
        <translation>本终端暂时无法取号，请到咨询台询问。</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="78"/>
        <source>No ticket could be issued: %1</source>
        <translation>无法取号：%1</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="85"/>
        <source>Your number: %1</source>
        <translation>您的号码：%1</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="91"/>
        <source>Asking how many people are waiting…</source>
        <translation>正在查询等候人数…</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="103"/>
        <source>People before you: %1</source>
        <translation>您前面还有 %1 人</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="106"/>
        <source>No printer connected: please remember your number.</source>
        <translation>未连接打印机，请记住您的号码。</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="108"/>
        <source>Printing your ticket…</source>
        <translation>正在打印号票…</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="113"/>
        <source>Please take your ticket and wait to be called.</source>
        <translation>请取走号票，留意叫号。</translation>
    </message>
    <message>
        <location filename="../../screens/ticket.py" line="117"/>
        <source>The ticket could not be printed (%1): please remember your number.</source>
        <translation>号票未能打印（%1），请记住您的号码。</translation>
    </message>
</context>
</TS>
