<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressInput</name>
    <message>
        <location filename="../../screens/apply/fields.py" line="118"/>
        <source>Street, building, room</source>
        <translation>街道、门牌号、楼栋房号</translation>
    </message>
</context>
<context>
    <name>CaptureScreen</name>
    <message>
        <location filename="../../screens/apply/capture.py" line="52"/>
        <source>Lay the page flat in the lit area under the camera.</source>
        <translation>请把材料平放在高拍仪下方的拍摄区域。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="63"/>
        <source>Take photo now</source>
        <translation>立即拍照</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="64"/>
        <source>Delete last page</source>
        <translation>删除最后一页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="65"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="74"/>
        <source>The document camera is not available. Please ask staff.</source>
        <translation>高拍仪暂不可用，请找工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="82"/>
        <source>Photograph the material</source>
        <translation>拍摄申请材料</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="122"/>
        <source>Page taken. Put the next page, or touch Done.</source>
        <translation>已拍好。请放下一页，或点“完成”。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="145"/>
        <source>Pages taken: %1</source>
        <translation>已拍 %1 页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/capture.py" line="164"/>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
<context>
    <name>DeliveryScreen</name>
    <message>
        <location filename="../../screens/apply/delivery.py" line="40"/>
        <source>How would you like to receive the result?</source>
        <translation>办理结果您想怎么领取？</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="43"/>
        <source>Pick up at the window</source>
        <translation>窗口自取</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="44"/>
        <source>Free delivery by post</source>
        <translation>免费邮寄到家</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="50"/>
        <source>Delivery address</source>
        <translation>邮寄地址</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="55"/>
        <source>Mobile phone (for the courier and for progress messages)</source>
        <translation>手机号码（用于快递联系和进度短信）</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="66"/>
        <source>Submit application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="74"/>
        <source>Receiving the result</source>
        <translation>结果领取方式</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="86"/>
        <source>Please enter an 11-digit mobile number.</source>
        <translation>请输入11位手机号码。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/delivery.py" line="90"/>
        <source>Please enter the street and house number.</source>
        <translation>请填写街道和门牌号。</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../../screens/apply/form.py" line="23"/>
        <source>Please fill this in.</source>
        <translation>此项必填，请填写。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="24"/>
        <source>Please enter an 11-digit mobile number.</source>
        <translation>请输入11位手机号码。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="25"/>
        <source>This ID number is not valid. Please check it.</source>
        <translation>身份证号码不正确，请核对。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="26"/>
        <source>Please enter a number.</source>
        <translation>请输入数字。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="27"/>
        <source>This is too short.</source>
        <translation>内容太短。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="28"/>
        <source>This is too long.</source>
        <translation>内容太长。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="29"/>
        <source>This number is out of range.</source>
        <translation>数值超出范围。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="30"/>
        <source>Please check the format.</source>
        <translation>格式不正确，请核对。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="31"/>
        <source>Please enter a date like 2026-01-31.</source>
        <translation>请按 2026-01-31 的格式填写日期。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="65"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="67"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="74"/>
        <source>Fill in the form</source>
        <translation>填写申请表</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="77"/>
        <source>Please check the form. What we could read from your card is already filled in.</source>
        <translation>请核对申请表，身份证上的信息已自动填好。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="108"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="110"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/form.py" line="110"/>
        <source>Next: materials</source>
        <translation>下一步：提交材料</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <location filename="../../screens/apply/materials.py" line="19"/>
        <source>Photograph each paper material under the camera.</source>
        <translation>请把每份纸质材料放到高拍仪下拍照。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="35"/>
        <source>Next: check and sign</source>
        <translation>下一步：核对并签名</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="40"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="46"/>
        <source>originals %1, copies %2</source>
        <translation>原件 %1 份，复印件 %2 份</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="52"/>
        <source>Photograph</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="57"/>
        <source>Use e-licence on file</source>
        <translation>使用电子证照</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="62"/>
        <source>Supply later</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="75"/>
        <source>Not yet provided</source>
        <translation>尚未提供</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="76"/>
        <source>Photographed: %1 page(s)</source>
        <translation>已拍照：%1 页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="77"/>
        <source>Already on file (e-licence): nothing to hand in</source>
        <translation>已有电子证照，无需提交</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="78"/>
        <source>To be supplied later (listed on your receipt)</source>
        <translation>容缺后补（将列在回执上）</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="93"/>
        <source>The document camera is not available. Choose another option or ask staff.</source>
        <translation>高拍仪暂不可用，请选择其他方式或找工作人员帮助。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/materials.py" line="104"/>
        <source>Still needed: %1</source>
        <translation>还缺少：%1</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../screens/apply/rating.py" line="12"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="13"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="14"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="15"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="16"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="19"/>
        <source>Too many materials asked for</source>
        <translation>要的材料太多</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="20"/>
        <source>The terminal was hard to use</source>
        <translation>机器不好用</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="21"/>
        <source>Waited too long</source>
        <translation>等待时间太长</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="22"/>
        <source>Could not get it done</source>
        <translation>事情没办成</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="23"/>
        <source>Staff attitude</source>
        <translation>工作人员态度</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="24"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="36"/>
        <source>How was the service? Receipt %1</source>
        <translation>这次办事您满意吗？回执号 %1</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="48"/>
        <source>Please tell us what went wrong (required)</source>
        <translation>请告诉我们哪里不满意（必选）</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="59"/>
        <source>More details (optional)</source>
        <translation>补充说明（可不填）</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="66"/>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="72"/>
        <source>Rate this service</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="75"/>
        <source>Please rate the service. Touch one of the five buttons.</source>
        <translation>请为本次服务评价，点五个按钮中的一个。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="92"/>
        <source>Please choose one of the five levels.</source>
        <translation>请选择一个评价等级。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="96"/>
        <source>Please choose or write a reason.</source>
        <translation>请选择或填写原因。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="100"/>
        <source>Rating cannot be saved on this terminal right now.</source>
        <translation>本终端暂时无法保存评价。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="108"/>
        <source>This application has already been rated. Thank you.</source>
        <translation>这件事已经评价过了，谢谢您。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="110"/>
        <source>Rating could not be saved: %1</source>
        <translation>评价未能保存：%1</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../screens/apply/review.py" line="15"/>
        <source>Photographed</source>
        <translation>已拍照</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="16"/>
        <source>Already on file (e-licence)</source>
        <translation>已有电子证照</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="17"/>
        <source>To be supplied later</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="18"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="57"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="70"/>
        <source>Personal information notice: the information and images you provide are used only to handle this application and are sent encrypted to the government service platform. They are not kept on this terminal after upload, except what is needed to reprint your receipt.</source>
        <translation>个人信息处理告知：您提供的信息和图像仅用于办理本次申请，加密传送至政务服务平台；上传后除补打回执所需信息外，不在本终端保留。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="73"/>
        <source>I have read and agree</source>
        <translation>我已阅读并同意</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="80"/>
        <source>Please sign below with your finger</source>
        <translation>请用手指在下面签名</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="87"/>
        <source>Clear signature</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="89"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="95"/>
        <source>Check and sign</source>
        <translation>核对并签名</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="99"/>
        <source>Please read and accept the personal information notice.</source>
        <translation>请阅读并勾选同意个人信息处理告知。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/review.py" line="102"/>
        <source>Please sign in the box.</source>
        <translation>请在方框内签名。</translation>
    </message>
</context>
<context>
    <name>SubmitScreen</name>
    <message>
        <location filename="../../screens/apply/submit.py" line="29"/>
        <source>Saving your application…</source>
        <translation>正在保存您的申请…</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="36"/>
        <source>Next: rate the service</source>
        <translation>下一步：评价本次服务</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="47"/>
        <source>Submitting</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="58"/>
        <source>This terminal cannot accept applications right now.</source>
        <translation>本终端暂时无法受理申请。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="59"/>
        <source>Please ask at the service hall window or call 12345.</source>
        <translation>请到大厅窗口咨询，或拨打 12345。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="76"/>
        <source>Your application could not be saved.</source>
        <translation>您的申请未能保存。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="87"/>
        <source>Application accepted</source>
        <translation>申请已受理</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="88"/>
        <source>Receipt number: %1</source>
        <translation>回执编号：%1</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="89"/>
        <source>Promised completion date: %1. It will be uploaded automatically.</source>
        <translation>承诺办结日期：%1。申请将自动上传。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="95"/>
        <source>No printer connected</source>
        <translation>未连接打印机</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="97"/>
        <source>Printing your receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="103"/>
        <source>Please take your receipt from the printer.</source>
        <translation>请从出纸口取走回执。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/submit.py" line="109"/>
        <source>The receipt could not be printed (%1). Your application is saved: query it with your ID card under Progress, or ask staff to reprint it.</source>
        <translation>回执未能打印（%1）。您的申请已保存：可在“进度查询”中刷身份证查询，或请工作人员补打回执。</translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <location filename="../../screens/apply/rating.py" line="133"/>
        <source>Thank you! Please take your ID card and your receipt.</source>
        <translation>办理完成！请带好身份证和回执。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="134"/>
        <source>Everything you entered is wiped from this terminal when you leave this screen.</source>
        <translation>离开本页面后，您填写的所有信息将从本终端清除。</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="137"/>
        <source>Back to the home screen</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <location filename="../../screens/apply/rating.py" line="143"/>
        <source>Done</source>
        <translation>办理完成</translation>
    </message>
</context>
</TS>
