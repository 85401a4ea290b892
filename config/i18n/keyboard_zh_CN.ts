<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PinyinKeyboard</name>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="84"/>
        <source>Caps</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="94"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="102"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="104"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="264"/>
        <source>Type pinyin, e.g. shebaoka or sbk</source>
        <translation>请输入拼音，如 shebaoka 或 sbk</translation>
    </message>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="267"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../screens/keyboard/pinyin.py" line="267"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
</TS>
