<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EvalTaskCatalog</name>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Domain choice (sample)</source>
        <translation>领域选择题（示例）</translation>
    </message>
    <message>
        <source>Domain classification (sample)</source>
        <translation>领域分类（示例）</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>法律</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>金融</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ChatPane</name>
    <message>
        <source>Assistant for this conversation</source>
        <translation>本对话使用的助手</translation>
    </message>
    <message>
        <source>Model for this conversation</source>
        <translation>本对话使用的模型</translation>
    </message>
    <message>
        <source>Generation settings</source>
        <translation>生成设置</translation>
    </message>
    <message>
        <source>You are reviewing this conversation read-only.</source>
        <translation>您正在以只读方式查看此对话。</translation>
    </message>
    <message>
        <source>Continue this conversation</source>
        <translation>继续此对话</translation>
    </message>
    <message>
        <source>Ask anything…</source>
        <translation>输入您的问题…</translation>
    </message>
    <message>
        <source>Enter to send · Shift+Enter for a new line</source>
        <translation>Enter 发送 · Shift+Enter 换行</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>Import model…</source>
        <translation>导入模型…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Reading the prompt…</source>
        <translation>正在读取提示…</translation>
    </message>
    <message numerus="yes">
        <source>%1 tokens/s · %n token(s)</source>
        <translation>
            <numerusform>%1 词元/秒 · %n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>context %1 / %2 (%3%)</source>
        <translation>上下文 %1 / %2（%3%）</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ChatSession</name>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Wait for the current answer to finish, or stop it.</source>
        <translation>请等待当前回答完成，或先停止它。</translation>
    </message>
    <message>
        <source>No model is selected. Import a model folder (Models → Import model…) first.</source>
        <translation>尚未选择模型。请先导入模型文件夹（模型 → 导入模型…）。</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ConversationDelegate</name>
    <message>
        <source>MMM d</source>
        <comment>sidebar date format, this year</comment>
        <translation>M月d日</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ConversationListModel</name>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>过去 30 天</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <comment>month section format</comment>
        <translation>yyyy年M月</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ConversationSidebar</name>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>搜索消息</translation>
    </message>
    <message>
        <source>All assistants</source>
        <translation>全部助手</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>No conversations yet.
Start one with New conversation.</source>
        <translation>还没有对话。
点击“新对话”开始。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>No messages match.</source>
        <translation>没有匹配的消息。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in %1 ms</source>
        <translation>
            <numerusform>%n 条结果，用时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>No conversations match the filters.</source>
        <translation>没有符合筛选条件的对话。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>已删除“%1”</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::DatasetCheck</name>
    <message>
        <source>cannot run %1: %2</source>
        <translation>无法运行 %1：%2</translation>
    </message>
    <message>
        <source>the check failed (exit status %1)</source>
        <translation>检查失败（退出状态 %1）</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::EvalComparisonChart</name>
    <message>
        <source>Accuracy by task (%)</source>
        <translation>各任务准确率（%）</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::EvalRunListModel</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>default shots</source>
        <translation>默认示例数</translation>
    </message>
    <message>
        <source>%1-shot</source>
        <translation>%1 示例</translation>
    </message>
    <message>
        <source>first %1</source>
        <translation>前 %1 题</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 q/s</source>
        <translation>%1 题/秒</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::EvaluationPage</name>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Delete selected runs</source>
        <translation>删除所选评测</translation>
    </message>
    <message>
        <source>Runs (select several to compare them):</source>
        <translation>评测记录（多选以进行比较）：</translation>
    </message>
    <message>
        <source>Loading the model in %1…</source>
        <translation>正在加载 %1 中的模型…</translation>
    </message>
    <message>
        <source>Task %1 of %2: %3 — reading the data…</source>
        <translation>第 %1/%2 个任务：%3 — 正在读取数据…</translation>
    </message>
    <message>
        <source>Cancelled; the part that ran is stored as cancelled.</source>
        <translation>已取消；已运行的部分以“已取消”保存。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>data folder or file</source>
        <translation>数据文件夹或文件</translation>
    </message>
    <message>
        <source>Data for %1 (%2)</source>
        <translation>%1 的数据（%2）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>task default</source>
        <translation>任务默认</translation>
    </message>
    <message>
        <source>k-shot:</source>
        <translation>示例数（k-shot）：</translation>
    </message>
    <message>
        <source>letters</source>
        <translation>选项字母</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项内容</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>Scoring:</source>
        <translation>评分方式：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>At most this many questions per subject</source>
        <translation>每个科目最多评测的题数</translation>
    </message>
    <message>
        <source>Questions:</source>
        <translation>题数：</translation>
    </message>
    <message>
        <source>Choose the data folder for %1.</source>
        <translation>请为 %1 选择数据文件夹。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Task %1 of %2: %3 — %4 / %5 questions · %6 questions/s</source>
        <translation>第 %1/%2 个任务：%3 — %4 / %5 题 · %6 题/秒</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::EvaluationSession</name>
    <message>
        <source>An evaluation is already running.</source>
        <translation>已有评测正在运行。</translation>
    </message>
    <message>
        <source>Choose a model to evaluate.</source>
        <translation>请选择要评测的模型。</translation>
    </message>
    <message>
        <source>Choose at least one task.</source>
        <translation>请至少选择一个任务。</translation>
    </message>
    <message>
        <source>The run could not be stored: %1</source>
        <translation>无法保存此次评测：%1</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::EvaluationWorker</name>
    <message>
        <source>Could not load the model in %1:
%2</source>
        <translation>无法加载 %1 中的模型：
%2</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::GenerationSettingsDialog</name>
    <message>
        <source>Generation settings</source>
        <translation>生成设置</translation>
    </message>
    <message>
        <source>Higher is more varied, 0 always picks the most likely token.</source>
        <translation>数值越高回答越多样；为 0 时总是选择概率最高的词元。</translation>
    </message>
    <message>
        <source>Sample only from the most likely tokens that together reach this probability.</source>
        <translation>只从累计概率达到该值的高概率词元中采样。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sample only from this many most likely tokens (0 = off).</source>
        <translation>只从概率最高的这么多个词元中采样（0 = 关闭）。</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating earlier text.</source>
        <translation>大于 1 时抑制重复前文。</translation>
    </message>
    <message>
        <source>The longest answer, in tokens.</source>
        <translation>回答的最大长度（词元数）。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>最大生成词元数</translation>
    </message>
    <message>
        <source>System prompt (leave empty to use the assistant&apos;s prompt):</source>
        <translation>系统提示词（留空则使用助手自带的提示词）：</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::GenerationWorker</name>
    <message>
        <source>Could not load the model in %1:
%2</source>
        <translation>无法加载 %1 中的模型：
%2</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::HistoryDialog</name>
    <message>
        <source>Conversation history</source>
        <translation>对话历史</translation>
    </message>
    <message>
        <source>All assistants</source>
        <translation>全部助手</translation>
    </message>
    <message>
        <source>Updated between</source>
        <translation>更新时间介于</translation>
    </message>
    <message>
        <source>Title or message text</source>
        <translation>标题或消息内容</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>最后更新</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>只读打开</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续对话</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>导出 Markdown…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Import JSON…</source>
        <translation>导入 JSON…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n 个对话</numerusform>
        </translation>
    </message>
    <message>
        <source>The history database is not open.</source>
        <translation>历史数据库未打开。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::JobDetailView</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Use in chat</source>
        <translation>在对话中使用</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Write a checkpoint and stop; Resume continues from it</source>
        <translation>保存检查点后停止；“继续”将从该检查点接着训练</translation>
    </message>
    <message>
        <source>Stop for good; the job cannot be resumed</source>
        <translation>彻底停止；任务将无法继续</translation>
    </message>
    <message>
        <source>Start a conversation with the fine-tuned model</source>
        <translation>用微调后的模型开始新对话</translation>
    </message>
    <message>
        <source>Cancel this job? It cannot be resumed afterwards.</source>
        <translation>要取消此任务吗？取消后将无法继续。</translation>
    </message>
    <message>
        <source>Delete job</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Delete this job and its checkpoints? A model it published stays in the model list.</source>
        <translation>要删除此任务及其检查点吗？它已发布的模型仍保留在模型列表中。</translation>
    </message>
    <message>
        <source>Select a job to see its progress, loss curve and log.</source>
        <translation>选择一个任务，查看其进度、损失曲线和日志。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>full fine-tuning</source>
        <translation>全参数微调</translation>
    </message>
    <message>
        <source>Base model: %1
Data: %2
Method: %3 · device %4 · created %5</source>
        <translation>基础模型：%1
数据：%2
方法：%3 · 设备 %4 · 创建于 %5</translation>
    </message>
    <message>
        <source>
Model: %1</source>
        <translation>
模型：%1</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Waiting for the first step…</source>
        <translation>等待第一步…</translation>
    </message>
    <message>
        <source> · about %1 left</source>
        <translation> · 约剩 %1</translation>
    </message>
    <message>
        <source> · loss %1</source>
        <translation> · 损失 %1</translation>
    </message>
    <message>
        <source> · validation %1</source>
        <translation> · 验证损失 %1</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::JobListModel</name>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Queued (%1 ahead)</source>
        <translation>排队中（前面还有 %1 个）</translation>
    </message>
    <message>
        <source>Queued (next)</source>
        <translation>排队中（下一个）</translation>
    </message>
    <message>
        <source>Model ready: %1</source>
        <translation>模型已就绪：%1</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source> · %1 left</source>
        <translation> · 剩余 %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::JobManager</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::JobsPage</name>
    <message>
        <source>New fine-tuning job…</source>
        <translation>新建微调任务…</translation>
    </message>
    <message>
        <source>Fine-tuning jobs</source>
        <translation>微调任务</translation>
    </message>
    <message>
        <source>No jobs yet. Fine-tune a model on your own legal or financial data with New fine-tuning job…; the result appears in the chat&apos;s model list.</source>
        <translation>还没有任务。点击“新建微调任务…”，用您自己的法律或金融数据微调模型；结果会出现在对话的模型列表中。</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::LossChart</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::MainWindow</name>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>&amp;Import conversations (JSON)…</source>
        <translation>导入对话 (JSON)(&amp;I)…</translation>
    </message>
    <message>
        <source>Export conversation as &amp;Markdown…</source>
        <translation>将对话导出为 Markdown(&amp;M)…</translation>
    </message>
    <message>
        <source>Export conversation as &amp;JSON…</source>
        <translation>将对话导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find in messages</source>
        <translation>在消息中查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Rename conversation</source>
        <translation>重命名对话(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete conversation</source>
        <translation>删除对话(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Import model folder…</source>
        <translation>导入模型文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Refresh model list</source>
        <translation>刷新模型列表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Generation settings…</source>
        <translation>生成设置(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About MindLLM Studio</source>
        <translation>关于 MindLLM Studio(&amp;A)</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>%1 — MindLLM Studio</source>
        <translation>%1 — MindLLM Studio</translation>
    </message>
    <message>
        <source>No model: import one from the Models menu</source>
        <translation>无模型：请从“模型”菜单导入</translation>
    </message>
    <message>
        <source>MindLLM Studio</source>
        <translation>MindLLM Studio</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>导出为 JSON</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>导出为 Markdown</translation>
    </message>
    <message>
        <source>JSON export (*.json)</source>
        <translation>JSON 导出文件 (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个对话导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed:
%1</source>
        <translation>导出失败：
%1</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n conversation(s)</source>
        <translation>
            <numerusform>已导入 %n 个对话</numerusform>
        </translation>
    </message>
    <message>
        <source>Import failed:
%1</source>
        <translation>导入失败：
%1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies when you restart MindLLM Studio.</source>
        <translation>新的界面语言将在重新启动 MindLLM Studio 后生效。</translation>
    </message>
    <message>
        <source>Imported model %1</source>
        <translation>已导入模型 %1</translation>
    </message>
    <message>
        <source>About MindLLM Studio</source>
        <translation>关于 MindLLM Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MindLLM Studio %1&lt;/h3&gt;&lt;p&gt;Chat with the bilingual MindLLM models on your own computer: a legal assistant, a financial assistant and a general one. Conversations stay on this computer.&lt;/p&gt;&lt;p&gt;Based on &lt;i&gt;MindLLM: Lightweight large language model pre-training, evaluation and domain application&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Answers may be wrong. They are not legal or investment advice.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MindLLM Studio %1&lt;/h3&gt;&lt;p&gt;在您自己的电脑上与中英双语 MindLLM 模型对话：法律助手、金融助手和通用助手。所有对话都保存在本机。&lt;/p&gt;&lt;p&gt;基于论文 &lt;i&gt;MindLLM: Lightweight large language model pre-training, evaluation and domain application&lt;/i&gt;。&lt;/p&gt;&lt;p&gt;回答可能有误，不构成法律意见或投资建议。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not load the model in %1: %2</source>
        <translation>无法加载 %1 中的模型：%2</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Fine-tuned model %1 is ready in the model list</source>
        <translation>微调模型 %1 已在模型列表中就绪</translation>
    </message>
    <message>
        <source>New &amp;fine-tuning job…</source>
        <translation>新建微调任务(&amp;F)…</translation>
    </message>
    <message>
        <source>Show &amp;jobs</source>
        <translation>查看任务(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Evaluation…</source>
        <translation>评测(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评测</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::MessageWidget</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>编辑并重新发送</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Save &amp;&amp; send</source>
        <translation>保存并发送</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>regenerated</source>
        <translation>已重新生成</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ModelImportDialog</name>
    <message>
        <source>Import model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>Choose a model folder in the Hugging Face layout: config.json, the weights (*.safetensors or pytorch_model.bin) and the tokenizer files.</source>
        <translation>请选择 Hugging Face 格式的模型文件夹：包含 config.json、权重文件（*.safetensors 或 pytorch_model.bin）以及分词器文件。</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;Weights: %3 · tokenizer: %4 · chat template: %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;权重：%3 · 分词器：%4 · 对话模板：%5</translation>
    </message>
    <message>
        <source>This folder cannot be used:&lt;br&gt;&lt;span style=&apos;color:#c62828&apos;&gt;%1&lt;/span&gt;</source>
        <translation>无法使用此文件夹：&lt;br&gt;&lt;span style=&apos;color:#c62828&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::ModelListModel</name>
    <message>
        <source>Built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Fine-tuned</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 参数</translation>
    </message>
    <message>
        <source>context %1</source>
        <translation>上下文 %1</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::NewJobDialog</name>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>New fine-tuning job</source>
        <translation>新建微调任务</translation>
    </message>
    <message>
        <source>Domain fine-tuning (law, finance, your documents)</source>
        <translation>领域微调（法律、金融、您的文档）</translation>
    </message>
    <message>
        <source>Instruction tuning (chat behaviour)</source>
        <translation>指令微调（对话行为）</translation>
    </message>
    <message>
        <source>Training data (JSONL: alpaca or sharegpt)</source>
        <translation>训练数据（JSONL：alpaca 或 sharegpt）</translation>
    </message>
    <message>
        <source>Optional; otherwise 5% of the training data</source>
        <translation>可选；不填则取训练数据的 5%</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>法律</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>金融</translation>
    </message>
    <message>
        <source>LoRA (small adapter, less memory)</source>
        <translation>LoRA（小型适配器，占用内存少）</translation>
    </message>
    <message>
        <source>Full fine-tuning (all weights)</source>
        <translation>全参数微调（所有权重）</translation>
    </message>
    <message>
        <source>use max steps</source>
        <translation>按最大步数</translation>
    </message>
    <message>
        <source>only at the end</source>
        <translation>仅在结束时</translation>
    </message>
    <message>
        <source>Create job</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Validation data</source>
        <translation>验证数据</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Micro-batch × accumulation</source>
        <translation>微批大小 × 梯度累积</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>LoRA rank / alpha</source>
        <translation>LoRA 秩 / alpha</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔（步）</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔（步）</translation>
    </message>
    <message>
        <source>First samples, as the model will see them:</source>
        <translation>前几条样本（模型看到的形式）：</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the training data.</source>
        <translation>请选择训练数据。</translation>
    </message>
    <message>
        <source>No usable base model: import one from the Models menu first.</source>
        <translation>没有可用的基础模型：请先从“模型”菜单导入一个。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>A compressed file has no preview here; the check reads every line of it.</source>
        <translation>压缩文件在此不显示预览；检查会读取其中的每一行。</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s), format %1</source>
        <translation>
            <numerusform>%n 条样本，格式 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Ready: %1</source>
        <translation>可以创建：%1</translation>
    </message>
    <message>
        <source>Another job is already called %1.</source>
        <translation>已有任务名为 %1。</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::PageSwitcher</name>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1（Ctrl+%2）</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation>GPU（%1）</translation>
    </message>
    <message>
        <source>No CUDA device was found; models run on the CPU.</source>
        <translation>未找到 CUDA 设备，模型将在 CPU 上运行。</translation>
    </message>
    <message>
        <source>No model available</source>
        <translation>没有可用的模型</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>A new language applies the next time MindLLM Studio starts.</source>
        <translation>新的界面语言将在下次启动 MindLLM Studio 时生效。</translation>
    </message>
</context>
<context>
    <name>mindllm::ui::SearchWorker</name>
    <message>
        <source>The history database is not open.</source>
        <translation>历史数据库未打开。</translation>
    </message>
</context>
</TS>
