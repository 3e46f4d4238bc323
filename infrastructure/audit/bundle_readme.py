"""The Chinese README written into every evidence bundle."""

BUNDLE_README = """# 甘心办事件日志证据包

本目录由 `ganxin audit export` 生成，包含 {from} 至 {to} 期间的 {count} 个事件
（封存位置 {first_position} 至 {end_position} 之前），以及验证它们所需的全部材料。

## 文件

| 文件 | 内容 |
|---|---|
| `events.jsonl` | 每行一个事件：位置、通知编号、对象编号、版本、事件类型、存储内容（base64）、时间、封存时记录的叶哈希；账号事件（`ganxin:Account.*`，含密码哈希、动态验证码密钥、令牌哈希）不附存储内容（`state` 为 null，`state_withheld` 说明原因） |
| `manifest.json` | 覆盖本包的签名检查点（树大小 {tree_size}）、本区间的封存列表、重新计算树根所需的区间证明哈希 |
| `checkpoints.json` | 导出时数据库中的全部签名检查点 |
| `public_key.pem` | 封存密钥的 Ed25519 公钥 |

## 如何验证

无需数据库，在任意装有甘心办的电脑上运行：

```
ganxin audit verify-bundle 本目录 [--public-key 公钥文件]
```

验证过程：

1. 用公钥检查每个检查点的 Ed25519 签名；签名无效的检查点被拒绝。
2. 按 RFC 6962 规则（叶 = SHA-256(0x00‖长度前缀编码的通知编号、对象编号、版本、事件类型、存储内容)，
   节点 = SHA-256(0x01‖左‖右)），用封存列表和区间证明重新计算树根，必须等于签名检查点中的根。
3. 逐个重新计算 `events.jsonl` 中事件的叶哈希并与封存列表比对；任何一个字节的改动、删除、插入、
   调换顺序或截断尾部，都会报告第一个出问题的位置和事件。内容被隐去的账号事件无法重算，只核对其记录的
   叶哈希与封存列表一致（它在日志中的位置和存在可证明，内容须向数据库持有者另行核对）。
4. 检查同一对象的版本号是否连续。

**重要**：包内的公钥只用于方便。请用 `--public-key` 指定从可信渠道（例如纪检监察部门保存的副本）
取得的公钥，或核对公钥指纹，否则伪造者可以连同公钥一起替换。
"""  # noqa: E501 - a Markdown table row cannot be wrapped, and the text is what bundles have always carried
