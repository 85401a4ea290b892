<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogBrowser</name>
    <message>
        <location filename="../../screens/catalog_browse.py" line="146"/>
        <source>Life events</source>
        <translation>按人生事件</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="146"/>
        <source>Departments</source>
        <translation>按部门</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="146"/>
        <source>One-thing bundles</source>
        <translation>一件事</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="146"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="169"/>
        <source>All categories</source>
        <translation>返回分类</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="205"/>
        <source>Name, pinyin or initials, e.g. sbk</source>
        <translation>输入名称、拼音或首字母，如 sbk</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="209"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="269"/>
        <source>Type or tap a word</source>
        <translation>请输入或点选关键词</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="273"/>
        <source>%1 result(s)</source>
        <translation>找到 %1 项</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="316"/>
        <source>%1 service(s)</source>
        <translation>%1 项服务</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="274"/>
        <source>Nothing found. Try another word, or ask the staff for help.</source>
        <translation>没有找到相关事项。请换个词试试，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="288"/>
        <source>Choose what is happening in your life</source>
        <translation>请选择您遇到的人生事件</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="291"/>
        <source>Choose a department</source>
        <translation>请选择办理部门</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="294"/>
        <source>Several matters, one application</source>
        <translation>多个事项，一次办好</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="341"/>
        <source>%1 · promised: %2</source>
        <translation>%1 · 承诺时限：%2</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="343"/>
        <source>One-thing</source>
        <translation>一件事</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../../screens/catalog_browse.py" line="432"/>
        <source>Choose what you want to apply for</source>
        <translation>我要办事</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="435"/>
        <source>Choose a life event, a department, a one-thing bundle, or search.</source>
        <translation>请按人生事件、部门、一件事选择，或搜索要办的事项。</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../../screens/catalog_browse.py" line="59"/>
        <source>done on the spot</source>
        <translation>即办</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="61"/>
        <source>%1 working day(s)</source>
        <translation>%1 个工作日</translation>
    </message>
</context>
<context>
    <name>GuideBrowseScreen</name>
    <message>
        <location filename="../../screens/catalog_browse.py" line="442"/>
        <source>Service guides</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../../screens/catalog_browse.py" line="445"/>
        <source>Choose a service to see what to bring and how long it takes.</source>
        <translation>请选择事项，查看需要带什么材料、多久办好。</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../screens/guide.py" line="37"/>
        <source>This service guide cannot be found. Please choose the service again or ask the staff.</source>
        <translation>找不到这项服务的办事指南。请重新选择，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="54"/>
        <source>Print notice</source>
        <translation>打印告知单</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="57"/>
        <source>Apply now</source>
        <translation>我要办理</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="75"/>
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="78"/>
        <source>Here is what you need. You can print this list, or start applying.</source>
        <translation>这是办理需要的全部内容。您可以打印告知单，或开始办理。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="85"/>
        <source>One-thing bundle of %1 matters · %2</source>
        <translation>一件事，含 %1 个事项 · %2</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="96"/>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="97"/>
        <source>Who can apply</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="98"/>
        <source>Conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="99"/>
        <source>Steps</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="100"/>
        <source>Materials (%1)</source>
        <translation>申请材料（共 %1 项）</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="102"/>
        <source>Fees</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="103"/>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="104"/>
        <source>Where</source>
        <translation>办理地点</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="105"/>
        <source>Enquiries</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="106"/>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="148"/>
        <source>Statutory limit: %1</source>
        <translation>法定办结时限：%1</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="149"/>
        <source>Promised limit: %1</source>
        <translation>承诺办结时限：%1</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="152"/>
        <source>Whole bundle done within %1</source>
        <translation>一件事整体办结时限：%1</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="158"/>
        <source>Stage %1: %2</source>
        <translation>第 %1 阶段：%2</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="160"/>
        <source>%1: statutory %2, promised %3</source>
        <translation>%1：法定 %2，承诺 %3</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="163"/>
        <source>Statutory limits added up: %1</source>
        <translation>各事项法定时限合计：%1</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="170"/>
        <source>All matters are handled at the same time; the longest single limit applies.</source>
        <translation>各事项同时办理（并联），时限按其中最长的一项计算。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="172"/>
        <source>Matters are handled one after another; their statutory limits added up are cut by at least 70%.</source>
        <translation>各事项依次办理（串联），时限为法定时限之和压缩 70% 以上。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="174"/>
        <source>Handled in %1 stages one after another (matters of one stage at the same time); the stages&apos; statutory limits added up are cut by at least 70%.</source>
        <translation>分 %1 个阶段依次办理（同一阶段内的事项同时办理），时限为各阶段法定时限之和压缩 70% 以上。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="190"/>
        <source>No paper materials are needed.</source>
        <translation>无需提交纸质材料。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="195"/>
        <source>Originals: %1 · Copies: %2</source>
        <translation>原件 %1 份 · 复印件 %2 份</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="198"/>
        <source>only if it applies to you</source>
        <translation>符合情形时提供</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="201"/>
        <source>May be handed in later (accepted without it)</source>
        <translation>可容缺受理（可先办理，后补交）</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="230"/>
        <source>The printer is not connected. Please note the list or ask the staff for a printed copy.</source>
        <translation>打印机未连接。请记下所需材料，或请工作人员帮您打印。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="203"/>
        <source>Already on file or e-licence: no need to bring it</source>
        <translation>已有电子证照或已存档，可免提交</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="208"/>
        <source>Used for: %1</source>
        <translation>用于：%1</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="235"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="243"/>
        <source>Printed. Please take the notice from the slot.</source>
        <translation>已打印，请在出纸口取走告知单。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="251"/>
        <source>Printing failed: %1. Please ask the staff.</source>
        <translation>打印失败：%1。请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../screens/guide.py" line="262"/>
        <source>Applying is not available on this terminal yet. Please ask at the service hall window.</source>
        <translation>本终端暂不能办理此事项，请到服务大厅窗口办理。</translation>
    </message>
</context>
<context>
    <name>_BrowserScreen</name>
    <message>
        <location filename="../../screens/catalog_browse.py" line="391"/>
        <source>The list of services cannot be shown right now. Please ask at the service hall window.</source>
        <translation>暂时无法显示事项目录，请到服务大厅窗口咨询。</translation>
    </message>
</context>
</TS>
