<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FaceDetectionService</name>
    <message>
        <location filename="../ui/facedetectionservice.cpp" line="47"/>
        <source>Face detection is unavailable: %1</source>
        <translation>人脸检测不可用：%1</translation>
    </message>
    <message>
        <location filename="../ui/facedetectionservice.cpp" line="49"/>
        <source>the model files are not all in place yet.</source>
        <translation>模型文件尚未全部就位。</translation>
    </message>
</context>
<context>
    <name>GalleryItem</name>
    <message>
        <location filename="../ui/galleryitem.cpp" line="37"/>
        <source>Seed %1 (not saved)</source>
        <translation>种子 %1（未保存）</translation>
    </message>
</context>
<context>
    <name>GuidancePreset</name>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="31"/>
        <source>Official defaults</source>
        <translation>官方默认</translation>
    </message>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="36"/>
        <source>Identity fidelity</source>
        <translation>身份保真</translation>
    </message>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="42"/>
        <source>Change age</source>
        <translation>改变年龄</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <location filename="../ui/imageexport.cpp" line="28"/>
        <source>PNG with parameters (*.png)</source>
        <translation>带参数的 PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="30"/>
        <source>JPEG (*.jpg *.jpeg)</source>
        <translation>JPEG (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="31"/>
        <source>WebP (*.webp)</source>
        <translation>WebP (*.webp)</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="48"/>
        <source>%1 already exists; it was not replaced.</source>
        <translation>%1 已存在，未被覆盖。</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="70"/>
        <location filename="../ui/imageexport.cpp" line="73"/>
        <location filename="../ui/imageexport.cpp" line="75"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="55"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="59"/>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
</context>
<context>
    <name>ImageParameters</name>
    <message>
        <location filename="../ui/imageparameters.cpp" line="166"/>
        <source>There is no image to save.</source>
        <translation>没有可保存的图像。</translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="204"/>
        <source>The parameters could not be added to the image.</source>
        <translation>无法将参数写入图像。</translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="211"/>
        <source>%1 cannot be read: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="229"/>
        <source>%1 is not a PNG, JPEG or WebP image.</source>
        <translation>%1 不是 PNG、JPEG 或 WebP 图像。</translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="232"/>
        <source>%1 carries no FlashFace parameters (it was not saved by FlashFace Studio).</source>
        <translation>%1 不含 FlashFace 参数（不是由 FlashFace Studio 保存的）。</translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="237"/>
        <source>The FlashFace parameters in %1 are damaged: %2</source>
        <translation>%1 中的 FlashFace 参数已损坏：%2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 s</source>
        <translation type="vanished">%1 秒</translation>
    </message>
</context>
<context>
    <name>OutputFolder</name>
    <message>
        <location filename="../ui/apppreferences.cpp" line="38"/>
        <source>No output folder is set.</source>
        <translation>尚未设置输出文件夹。</translation>
    </message>
    <message>
        <location filename="../ui/apppreferences.cpp" line="40"/>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <location filename="../ui/apppreferences.cpp" line="42"/>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../ui/apppreferences.cpp" line="45"/>
        <source>Images cannot be saved in %1: %2.</source>
        <translation>无法在 %1 中保存图像：%2。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/generationoutcome.cpp" line="46"/>
        <source>Out of memory.</source>
        <translation>内存不足。</translation>
    </message>
</context>
<context>
    <name>SettingsHistory</name>
    <message>
        <location filename="../ui/settingshistory.cpp" line="89"/>
        <source>Face Position</source>
        <translation>人脸位置</translation>
    </message>
    <message>
        <location filename="../ui/settingshistory.cpp" line="90"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../ui/settingspanel.cpp" line="49"/>
        <source>Square (trained size)</source>
        <translation>正方形（训练尺寸）</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="50"/>
        <source>Portrait 3:4</source>
        <translation>竖幅 3:4</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="51"/>
        <source>Portrait 2:3</source>
        <translation>竖幅 2:3</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="52"/>
        <source>Landscape 4:3</source>
        <translation>横幅 4:3</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="53"/>
        <source>Landscape 3:2</source>
        <translation>横幅 3:2</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="54"/>
        <source>Small square (fast)</source>
        <translation>小正方形（快速）</translation>
    </message>
</context>
<context>
    <name>flashface::download::DownloadDialog</name>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="30"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="31"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="32"/>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="33"/>
        <source>Checking integrity…</source>
        <translation>正在校验完整性…</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="34"/>
        <source>Waiting to retry</source>
        <translation>等待重试</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="35"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="36"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="37"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="38"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="53"/>
        <source>Download model weights</source>
        <translation>下载模型权重</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="71"/>
        <source>Every model file is already in %1.</source>
        <translation>所有模型文件都已在 %1 中。</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="73"/>
        <source>FlashFace needs the files below, about %1 in all, in
%2
(%3 free there). Downloads resume where they stopped if interrupted.</source>
        <translation>FlashFace 需要以下文件，共约 %1，保存到
%2
（该处剩余 %3）。下载中断后会从中断处继续。</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="85"/>
        <source>Progress of %1</source>
        <translation>%1 的进度</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="99"/>
        <source>Total progress</source>
        <translation>总进度</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="101"/>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="108"/>
        <source>Retries and problems are listed here.</source>
        <translation>重试和问题会列在这里。</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="113"/>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="160"/>
        <location filename="../ui/download/downloaddialog.cpp" line="179"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="162"/>
        <location filename="../ui/download/downloaddialog.cpp" line="182"/>
        <source> · %1/s</source>
        <translation> · %1/秒</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="164"/>
        <source> · %1 left</source>
        <translation> · 剩余 %1</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="184"/>
        <source> · about %1 left</source>
        <translation> · 约剩 %1</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="194"/>
        <source>All files are downloaded and intact.</source>
        <translation>所有文件均已下载且完好。</translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="200"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
</context>
<context>
    <name>flashface::download::DownloadManager</name>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="153"/>
        <source>Not enough disk space in %1: the download needs %2 more, %3 is free. Free some space or choose another models folder.</source>
        <translation>%1 的磁盘空间不足：下载还需要 %2，当前剩余 %3。请释放空间或选择其他模型文件夹。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="211"/>
        <source>Cannot create the models folder %1.</source>
        <translation>无法创建模型文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="234"/>
        <source>The download was cancelled; what has arrived is kept and resumes next time.</source>
        <translation>下载已取消；已下载的部分会保留，下次继续。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="244"/>
        <source>Another download of %1 into this folder is running; let it finish or stop it first.</source>
        <translation>另一个下载正在将 %1 下载到此文件夹；请等待其完成或先停止它。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="282"/>
        <source>Checking the file already present…</source>
        <translation>正在检查已有文件…</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="285"/>
        <source>Already present.</source>
        <translation>已存在。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="289"/>
        <source>%1 is damaged and is fetched again: %2</source>
        <translation>%1 已损坏，正在重新下载：%2</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="297"/>
        <source>Checking integrity…</source>
        <translation>正在校验完整性…</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2: %3.</source>
        <translation type="vanished">无法将 %1 重命名为 %2：%3。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="316"/>
        <source>%1 arrived damaged %2 times; the last check said: %3 Try again later or use another mirror.</source>
        <translation>%1 已 %2 次下载损坏；最后一次校验结果：%3 请稍后重试或使用其他镜像。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="322"/>
        <source>%1 arrived damaged and is fetched again: %2</source>
        <translation>%1 下载后损坏，正在重新下载：%2</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="330"/>
        <source>%1 Gave up after %2 attempts in a row.</source>
        <translation>%1 连续尝试 %2 次后放弃。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="336"/>
        <source>%1 Retrying in %2.</source>
        <translation>%1 将在 %2 后重试。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="496"/>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="389"/>
        <source>The server resumed %1 at the wrong place; starting it over.</source>
        <translation>服务器从错误的位置续传 %1；重新开始下载。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="413"/>
        <source>The server cannot resume %1; downloading it from the start.</source>
        <translation>服务器无法续传 %1；从头开始下载。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="394"/>
        <source>The server rejected the resume point of %1; starting it over.</source>
        <translation>服务器拒绝了 %1 的续传位置；重新开始下载。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="404"/>
        <source>The server answered %1 %2 for %3.</source>
        <translation>服务器对 %3 的响应为 %1 %2。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="423"/>
        <source>The server offers %1 with %2 bytes, but it should have %3 bytes; the mirror may hold another version.</source>
        <translation>服务器提供的 %1 为 %2 字节，但应为 %3 字节；该镜像可能是其他版本。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="444"/>
        <location filename="../services/download/downloadmanager.cpp" line="484"/>
        <source>Writing %1 failed: %2. Is the disk full?</source>
        <translation>写入 %1 失败：%2。磁盘是否已满？</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="462"/>
        <source>No data arrived for %1 for %2.</source>
        <translation>%1 已有 %2 没有收到数据。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="515"/>
        <source>The server redirected %1 to %2, which is not a web address; the download was stopped.</source>
        <translation>服务器将 %1 重定向到 %2，这不是网页地址；下载已停止。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="469"/>
        <source>Offline: %1 cannot be reached (%2). Check the network connection.</source>
        <translation>离线：无法连接 %1（%2）。请检查网络连接。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="474"/>
        <source>The download of %1 was interrupted: %2.</source>
        <translation>%1 的下载被中断：%2。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="478"/>
        <source>The connection closed after %1 of %2 of %3.</source>
        <translation>连接在 %3 下载到 %1 / %2 时关闭。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="519"/>
        <source>Too many redirects while fetching %1.</source>
        <translation>获取 %1 时重定向次数过多。</translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="564"/>
        <source>Checking integrity… %1 %</source>
        <translation>正在校验完整性… %1 %</translation>
    </message>
</context>
<context>
    <name>flashface::ui::FaceBoxCanvas</name>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="32"/>
        <source>No face position: the face may appear anywhere.
Drag to draw a box.</source>
        <translation>未设置人脸位置：人脸可能出现在任何地方。
拖动鼠标绘制一个框。</translation>
    </message>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="33"/>
        <source>Face position</source>
        <translation>人脸位置</translation>
    </message>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="82"/>
        <source>face area</source>
        <translation>人脸区域</translation>
    </message>
</context>
<context>
    <name>flashface::ui::FacePositionPanel</name>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="39"/>
        <source>Centred portrait</source>
        <translation>居中肖像</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="40"/>
        <source>Official default</source>
        <translation>官方默认</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="41"/>
        <source>None (face anywhere)</source>
        <translation>无（人脸位置不限）</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="42"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="43"/>
        <source>Recommended: centred portrait [0.3, 0.2, 0.6, 0.5]. The official tool&apos;s default is [0.3, 0.1, 0.6, 0.4].</source>
        <translation>推荐：居中肖像 [0.3, 0.2, 0.6, 0.5]。官方工具的默认值为 [0.3, 0.1, 0.6, 0.4]。</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>x1</source>
        <translation>x1</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>y1</source>
        <translation>y1</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>x2</source>
        <translation>x2</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>y2</source>
        <translation>y2</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="65"/>
        <source>The model constrains a square: the box&apos;s longer side, from its top-left corner, clipped at the image edges. The filled square shows it.</source>
        <translation>模型约束的是一个正方形：以框的长边为边长、从框的左上角开始，超出图像的部分被裁掉。填充的正方形即为该区域。</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="69"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="73"/>
        <source>Face swap: the face goes where the repainted region of the photo is. Tick “Use my face box” in the Target panel to place it with this box instead.</source>
        <translation>换脸：人脸位置跟随照片中要重绘的区域。若要改用此框放置人脸，请在“目标”面板中勾选“使用我的人脸框”。</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="129"/>
        <source>No constraint: the face may appear anywhere.</source>
        <translation>无约束：人脸可能出现在任何地方。</translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="130"/>
        <source>Face area: %1×%2 px at (%3, %4)</source>
        <translation>人脸区域：%1×%2 像素，位于 (%3, %4)</translation>
    </message>
</context>
<context>
    <name>flashface::ui::GalleryModel</name>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="134"/>
        <source>Could not delete %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="176"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="182"/>
        <source>%1
Seed %2 · %3×%4 · %5 steps
Not saved: right-click and choose Save As… to keep it.</source>
        <translation>%1
种子 %2 · %3×%4 · %5 步
未保存：右键选择“另存为…”以保留它。</translation>
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="188"/>
        <source>%1
Seed %2 · %3×%4 · %5 steps
%6</source>
        <translation>%1
种子 %2 · %3×%4 · %5 步
%6</translation>
    </message>
</context>
<context>
    <name>flashface::ui::GalleryView</name>
    <message>
        <location filename="../ui/galleryview.cpp" line="33"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="54"/>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="56"/>
        <source>View Full Size</source>
        <translation>查看原图</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="57"/>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="58"/>
        <source>Copy Seed</source>
        <translation>复制种子</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="59"/>
        <source>Reuse All Parameters</source>
        <translation>复用全部参数</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="63"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="68"/>
        <source>Open Containing Folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="70"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="70"/>
        <source>Discard…</source>
        <translation>丢弃…</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="94"/>
        <source>Only saved images can be favourites: use Save As… first.</source>
        <translation>只有已保存的图像才能收藏：请先“另存为…”。</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="129"/>
        <location filename="../ui/galleryview.cpp" line="137"/>
        <location filename="../ui/galleryview.cpp" line="143"/>
        <source>Save Image As</source>
        <translation>图像另存为</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="138"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="150"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="156"/>
        <source>Image copied</source>
        <translation>图像已复制</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="161"/>
        <source>Seed %1 copied</source>
        <translation>种子 %1 已复制</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="167"/>
        <source>This image is not saved yet: use Save As… first.</source>
        <translation>此图像尚未保存：请先“另存为…”。</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="173"/>
        <source>No file manager could be started to show %1. Its folder&apos;s path was copied to the clipboard.</source>
        <translation>无法启动文件管理器来显示 %1。其所在文件夹的路径已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="182"/>
        <location filename="../ui/galleryview.cpp" line="190"/>
        <source>Delete Image</source>
        <translation>删除图像</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="182"/>
        <source>Move “%1” to the trash?</source>
        <translation>将“%1”移到回收站？</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="184"/>
        <source>Discard Image</source>
        <translation>丢弃图像</translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="185"/>
        <source>This image was never saved. Discard it for good?</source>
        <translation>此图像从未保存。要永久丢弃它吗？</translation>
    </message>
</context>
<context>
    <name>flashface::ui::GenerationQueue</name>
    <message>
        <location filename="../ui/generationqueue.cpp" line="145"/>
        <source>No such generation in the queue.</source>
        <translation>队列中没有这个生成任务。</translation>
    </message>
</context>
<context>
    <name>flashface::ui::GenerationWorker</name>
    <message>
        <location filename="../ui/generationworker.cpp" line="54"/>
        <source>Loading the models was cancelled.</source>
        <translation>模型加载已取消。</translation>
    </message>
    <message>
        <location filename="../ui/generationworker.cpp" line="73"/>
        <source>The models could not be loaded.</source>
        <translation>无法加载模型。</translation>
    </message>
</context>
<context>
    <name>flashface::ui::ImageViewer</name>
    <message>
        <location filename="../ui/imageviewer.cpp" line="250"/>
        <source>Image Viewer</source>
        <translation>图像查看器</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="253"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="254"/>
        <source>Fit the image to the window (0)</source>
        <translation>使图像适应窗口 (0)</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="256"/>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="257"/>
        <source>Actual pixels (1)</source>
        <translation>实际像素 (1)</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="260"/>
        <source>Zoom in (+)</source>
        <translation>放大 (+)</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="261"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="264"/>
        <source>Zoom out (−)</source>
        <translation>缩小 (−)</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="265"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="267"/>
        <source>Previous image (Left)</source>
        <translation>上一张 (左方向键)</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="268"/>
        <source>Previous image</source>
        <translation>上一张</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="270"/>
        <source>Next image (Right)</source>
        <translation>下一张 (右方向键)</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="271"/>
        <source>Next image</source>
        <translation>下一张</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="273"/>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="274"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="275"/>
        <source>Compare this image with another result or a reference photo (C)</source>
        <translation>将此图像与另一个结果或参考照片对比（C）</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="361"/>
        <source>Pin This Image (then go to another)</source>
        <translation>固定此图像（然后切换到另一张）</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="362"/>
        <source>With the Previous Image</source>
        <translation>与上一张图像</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="364"/>
        <source>With the Next Image</source>
        <translation>与下一张图像</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="367"/>
        <source>With a Reference Photo</source>
        <translation>与参考照片</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="373"/>
        <source>Side by Side</source>
        <translation>并排</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="373"/>
        <source>Swipe</source>
        <translation>滑动</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="380"/>
        <source>Stop Comparing</source>
        <translation>停止对比</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="399"/>
        <source>No image</source>
        <translation>没有图像</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="403"/>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="405"/>
        <source>%1 of %2 · %3 · seed %4 · %5×%6 · %7%</source>
        <translation>第 %1 张，共 %2 张 · %3 · 种子 %4 · %5×%6 · %7%</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="415"/>
        <source>beside %1</source>
        <translation>与 %1 并排</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="416"/>
        <source>swiping with %1</source>
        <translation>与 %1 滑动对比</translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="418"/>
        <source>%1 — Image Viewer</source>
        <translation>%1 — 图像查看器</translation>
    </message>
</context>
<context>
    <name>flashface::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="106"/>
        <location filename="../ui/mainwindow.cpp" line="553"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="107"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="112"/>
        <source>FlashFace Studio</source>
        <translation>FlashFace Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="125"/>
        <source>References</source>
        <translation>参考照片</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="126"/>
        <source>Face Position</source>
        <translation>人脸位置</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="127"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="128"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Parameters restored (seed %1)</source>
        <translation type="vanished">参数已恢复（种子 %1）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="194"/>
        <source>Add reference photos, describe the picture, and press Generate (Ctrl+Enter).
Previews appear here while the images form.</source>
        <translation>添加参考照片，描述想要的画面，然后点击“生成”（Ctrl+Enter）。
生成过程中的预览会显示在这里。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="214"/>
        <source>Generate with the current settings (Ctrl+Enter). While a run is in progress, this queues another one.</source>
        <translation>使用当前设置生成（Ctrl+Enter）。正在生成时，再次点击会排队新的任务。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Stop the current run (Esc)</source>
        <translation>停止当前生成（Esc）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="260"/>
        <source>Filter by prompt…</source>
        <translation>按提示词筛选…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="262"/>
        <source>Show only images whose prompt contains this text</source>
        <translation>只显示提示词包含此文字的图像</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>Favourites only</source>
        <translation>仅收藏</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="264"/>
        <source>Mark favourites with the gallery&apos;s menu or the * key</source>
        <translation>用图库的右键菜单或 * 键标记收藏</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="266"/>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="319"/>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="321"/>
        <source>View Full Size</source>
        <translation>查看原图</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="323"/>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="325"/>
        <source>Reuse All Parameters</source>
        <translation>复用全部参数</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="326"/>
        <source>Show in Gallery</source>
        <translation>在图库中显示</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="345"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="346"/>
        <source>Add Reference &amp;Photos…</source>
        <translation>添加参考照片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="347"/>
        <source>Add Reference Photos</source>
        <translation>添加参考照片</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="352"/>
        <source>&amp;Paste Reference</source>
        <translation>粘贴参考照片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="355"/>
        <source>&amp;Open Parameters from Image…</source>
        <translation>从图像读取参数(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="356"/>
        <source>Open Parameters from Image</source>
        <translation>从图像读取参数</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="vanished">PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="362"/>
        <source>P&amp;references…</source>
        <translation>首选项(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="370"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="373"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="374"/>
        <location filename="../ui/mainwindow.cpp" line="382"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="376"/>
        <source>Undo the last change of the face position or the settings</source>
        <translation>撤销对人脸位置或设置的上一次更改</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="377"/>
        <location filename="../ui/mainwindow.cpp" line="385"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="382"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="385"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="388"/>
        <location filename="../ui/mainwindow.cpp" line="389"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="391"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="393"/>
        <source>&amp;Retry Failed Run</source>
        <translation>重试失败的生成(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>Clear &amp;Queue</source>
        <translation>清空队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="397"/>
        <source>&amp;Roll New Seed</source>
        <translation>随机新种子(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="399"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="402"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="407"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="408"/>
        <source>&amp;Tips</source>
        <translation>使用提示(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="410"/>
        <source>Tips</source>
        <translation>使用提示</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="411"/>
        <source>&lt;ul&gt;&lt;li&gt;Name age and gender in the prompt (“a handsome young man”).&lt;/li&gt;&lt;li&gt;Use the face position box; the recommended one is the centred portrait.&lt;/li&gt;&lt;li&gt;For more likeness raise λ (usually enough on its own), then reference guidance and the launch step; too high gives a pasted look.&lt;/li&gt;&lt;li&gt;Lower them if you see artifacts.&lt;/li&gt;&lt;li&gt;To change the age, use the “Change age” preset.&lt;/li&gt;&lt;li&gt;Several varied reference photos give better likeness than one.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;ul&gt;&lt;li&gt;在提示词中写明年龄和性别（如“a handsome young man”）。&lt;/li&gt;&lt;li&gt;使用人脸位置框；推荐使用居中肖像。&lt;/li&gt;&lt;li&gt;想要更像本人，先调大 λ（通常单独调它就够了），再调大参考引导强度和启动步；过高会显得像贴上去的脸。&lt;/li&gt;&lt;li&gt;如果出现瑕疵，就调小这些值。&lt;/li&gt;&lt;li&gt;想改变年龄，请使用“改变年龄”预设。&lt;/li&gt;&lt;li&gt;多张不同的参考照片比一张效果更好。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="419"/>
        <source>&amp;About FlashFace Studio</source>
        <translation>关于 FlashFace Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="420"/>
        <source>About FlashFace Studio</source>
        <translation>关于 FlashFace Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="421"/>
        <source>&lt;h3&gt;FlashFace Studio %1&lt;/h3&gt;&lt;p&gt;Human image personalisation with high-fidelity identity preservation, after FlashFace (Zhang et al., 2024).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FlashFace Studio %1&lt;/h3&gt;&lt;p&gt;高保真身份保持的人像个性化生成，基于 FlashFace（Zhang 等，2024）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="429"/>
        <source>Loading models: %1 (%2%)</source>
        <translation>正在加载模型：%1（%2%）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="434"/>
        <source>Connected to the server — %1</source>
        <translation>已连接到服务器 — %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="435"/>
        <source>Models loaded — %1</source>
        <translation>模型已加载 — %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="440"/>
        <location filename="../ui/mainwindow.cpp" line="521"/>
        <source>The models could not be loaded: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="446"/>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="453"/>
        <source>Step %1 of %2 — %3 left</source>
        <translation>第 %1 / %2 步 — 剩余 %3</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="456"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="499"/>
        <source>Done in %1 — %n image(s) not saved</source>
        <translation>
            <numerusform>用时 %1 完成 — %n 张图像未保存</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="501"/>
        <source>%n image(s) could not be saved to %1: %2 They are kept in the gallery (marked “Not saved”) until you quit: right-click one and choose Save As…, or choose another output folder in Preferences.</source>
        <translation>
            <numerusform>%n 张图像无法保存到 %1：%2 它们会保留在图库中（标记为“未保存”）直到退出：右键点击图像并选择“另存为…”，或在首选项中选择其他输出文件夹。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="507"/>
        <source>Done in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="474"/>
        <source>Seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>Some images could not be saved: %1</source>
        <translation type="vanished">部分图像无法保存：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="509"/>
        <source>%n image(s) saved to %1</source>
        <translation>
            <numerusform>%n 张图像已保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="514"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="516"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="550"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="553"/>
        <source>Queue Another</source>
        <translation>再排队一个</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="631"/>
        <source>Parameters restored from %1</source>
        <translation>已从 %1 恢复参数</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="619"/>
        <source>No FlashFace parameters in %1: %2</source>
        <translation>%1 中没有 FlashFace 参数：%2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="108"/>
        <source>Before / After</source>
        <translation>前 / 后</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="109"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="130"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>Queue the failed run again, with the same settings, seed and photos</source>
        <translation>以相同的设置、种子和照片重新排队失败的生成</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="246"/>
        <source>Show the photo before the face swap in place of the results, and back</source>
        <translation>在结果的位置显示换脸前的照片，再次点击切换回来</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>Before: the target photo</source>
        <translation>之前：目标照片</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="357"/>
        <source>Images with parameters (*.png *.jpg *.jpeg *.webp)</source>
        <translation>带参数的图像 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="544"/>
        <source>The failed run is queued again.</source>
        <translation>失败的生成已重新排队。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="633"/>
        <source>Parameters and reference weights restored from %1</source>
        <translation>已从 %1 恢复参数和参考权重</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="635"/>
        <source>Parameters restored from %1. Its reference weights are for %n reference(s), not for the %2 in use; the weights stay as they are.</source>
        <translation>
            <numerusform>已从 %1 恢复参数。其参考权重对应 %n 张参考照片，而当前使用的是 %2 张；权重保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="652"/>
        <source>%1 Choose another output folder in Preferences (Ctrl+,).</source>
        <translation>%1 请在首选项（Ctrl+,）中选择其他输出文件夹。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="657"/>
        <source>Some model files are missing; see the list above.</source>
        <translation>缺少部分模型文件，请查看上方列表。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="662"/>
        <source>Still looking for faces in the reference photos; try again in a moment.</source>
        <translation>仍在参考照片中检测人脸，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="666"/>
        <source>Still loading the photo to change; try again in a moment.</source>
        <translation>仍在加载要修改的照片；请稍后再试。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="673"/>
        <source>Add at least one reference photo of the person.</source>
        <translation>请至少添加一张此人的参考照片。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="674"/>
        <source>No usable reference photo: %1</source>
        <translation>没有可用的参考照片：%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="677"/>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="687"/>
        <source>Seed %1 is already queued with these settings: this run uses seed %2, so its images differ.</source>
        <translation>种子 %1 已以相同设置排队：本次运行使用种子 %2，因此图像会不同。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="709"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="771"/>
        <source>Token count unavailable: %1</source>
        <translation>无法统计词元数：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="802"/>
        <source>Parameters and %n reference photo(s) restored (seed %1)</source>
        <translation>
            <numerusform>已恢复参数和 %n 张参考照片（种子 %1）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="804"/>
        <source>Parameters restored (seed %1). This image&apos;s reference photos were not kept; the current references stay.</source>
        <translation>已恢复参数（种子 %1）。此图像的参考照片未被保留；当前参考照片保持不变。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="848"/>
        <location filename="../ui/mainwindow.cpp" line="862"/>
        <source>Unsaved Images</source>
        <translation>未保存的图像</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="849"/>
        <source>%n image(s) in the gallery were never saved. They are lost if you quit now.</source>
        <translation>
            <numerusform>图库中有 %n 张图像从未保存。现在退出将会丢失它们。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="857"/>
        <source>Save Unsaved Images To</source>
        <translation>将未保存的图像保存到</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="911"/>
        <source>Dropped image</source>
        <translation>拖入的图像</translation>
    </message>
    <message>
        <source>Seed %1 (not saved)</source>
        <translation type="vanished">种子 %1（未保存）</translation>
    </message>
</context>
<context>
    <name>flashface::ui::ManualCropDialog</name>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="17"/>
        <source>Draw Face Box</source>
        <translation>绘制人脸框</translation>
    </message>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="21"/>
        <source>Drag a box around the face, from the forehead to the chin.</source>
        <translation>拖动鼠标框住人脸，从额头到下巴。</translation>
    </message>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="28"/>
        <source>Drag to draw, drag inside to move, drag the handles to resize.</source>
        <translation>拖动绘制，在框内拖动可移动，拖动控制点可调整大小。</translation>
    </message>
</context>
<context>
    <name>flashface::ui::MissingModelsPanel</name>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="28"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="29"/>
        <source>Download the missing files into the models folder (resumes if interrupted)</source>
        <translation>将缺少的文件下载到模型文件夹（中断后可继续）</translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="30"/>
        <source>Open Models Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="31"/>
        <source>Choose Models Folder…</source>
        <translation>选择模型文件夹…</translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="32"/>
        <source>Check Again</source>
        <translation>重新检查</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/missingmodelspanel.cpp" line="66"/>
        <source>%n model file(s) missing: you can prepare references, prompts and settings, but generating needs them.</source>
        <translation>
            <numerusform>缺少 %n 个模型文件：你可以先准备参考照片、提示词和设置，但生成需要这些文件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="69"/>
        <source>&lt;p&gt;Put these files into &lt;b&gt;%1&lt;/b&gt;:&lt;/p&gt;</source>
        <translation>&lt;p&gt;请将这些文件放入 &lt;b&gt;%1&lt;/b&gt;：&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="74"/>
        <source>&lt;li&gt;&lt;b&gt;%1&lt;/b&gt; — %2 (&lt;a href=&quot;%3&quot;&gt;download&lt;/a&gt;)</source>
        <translation>&lt;li&gt;&lt;b&gt;%1&lt;/b&gt; — %2（&lt;a href=&quot;%3&quot;&gt;下载&lt;/a&gt;）</translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="78"/>
        <source>&lt;br/&gt;expected at %1</source>
        <translation>&lt;br/&gt;应位于 %1</translation>
    </message>
</context>
<context>
    <name>flashface::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="53"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="55"/>
        <source>Automatic (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="56"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="57"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="59"/>
        <source>Automatic (half on GPU; bfloat16 on CPUs with AVX-512 BF16 or AMX, else full)</source>
        <translation>自动（GPU 半精度；支持 AVX-512 BF16 或 AMX 的 CPU 用 bfloat16，其他 CPU 全精度）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="60"/>
        <source>Full (float32)</source>
        <translation>全精度（float32）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="61"/>
        <source>Half (float16, GPU only)</source>
        <translation>半精度（float16，仅 GPU）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="62"/>
        <source>Brain float (bfloat16)</source>
        <translation>Brain float（bfloat16）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="65"/>
        <source>All cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="67"/>
        <source>CPU threads the engine uses; fewer keep the computer responsive while generating.</source>
        <translation>引擎使用的 CPU 线程数；较少的线程可让电脑在生成时保持流畅。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="76"/>
        <source>Names of generated files: {date}, {time}, {seed}, {steps} and {prompt} are filled in; a number is appended, so no file is ever replaced.</source>
        <translation>生成文件的名称：会填入 {date}、{time}、{seed}、{steps} 和 {prompt}，并追加编号，因此不会覆盖任何文件。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="78"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="115"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="126"/>
        <source>Models folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="126"/>
        <source>Models Folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="110"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="33"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="34"/>
        <source>Remote server (flashface serve)</source>
        <translation>远程服务器（flashface serve）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="37"/>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="85"/>
        <source>Generations run on a computer that runs “flashface serve”; previews, the queue and the gallery work as with this computer. The models folder is still used here to find faces in the reference photos.</source>
        <translation>在运行“flashface serve”的计算机上生成；预览、队列和图库与在本机时一样工作。本机仍使用模型文件夹在参考照片中查找人脸。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="90"/>
        <source>none (a server on this computer)</source>
        <translation>无（本机上的服务器）</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="91"/>
        <source>The token is stored unencrypted in the settings file (%1).</source>
        <translation>令牌以未加密形式保存在设置文件中（%1）。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="100"/>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="101"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="111"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="112"/>
        <source>Threads:</source>
        <translation>线程：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="123"/>
        <source>Generate on:</source>
        <translation>生成位置：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="132"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="134"/>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="134"/>
        <source>Output Folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="139"/>
        <source>File names:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="141"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="143"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="152"/>
        <source>Enter the server&apos;s address, or choose “This computer”.</source>
        <translation>请输入服务器地址，或选择“本机”。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="158"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="158"/>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="184"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="193"/>
        <source>Connected: %1.</source>
        <translation>已连接：%1。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="208"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="223"/>
        <source>%1 Choose another output folder.</source>
        <translation>%1 请选择其他输出文件夹。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="238"/>
        <source>a handsome young man on the street</source>
        <translation>街上的英俊青年</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="240"/>
        <source>e.g. %1-00001.png</source>
        <translation>例如 %1-00001.png</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="70"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="71"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="73"/>
        <source>Memory for the reference photos&apos; features, kept between runs: the next run with the same photos and negative prompt skips their pass. A 35-step run with 4 references needs about 1.4 GiB on the CPU and 0.7 GiB on the GPU.</source>
        <translation>参考照片特征所占的内存，在多次生成之间保留：下一次使用相同照片和反向提示词的生成将跳过参考网络的计算。4 张参考照片、35 步的生成在 CPU 上约需 1.4 GiB，在 GPU 上约需 0.7 GiB。</translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="113"/>
        <source>Reference cache:</source>
        <translation>参考特征缓存：</translation>
    </message>
</context>
<context>
    <name>flashface::ui::PreviewGrid</name>
    <message>
        <location filename="../ui/previewgrid.cpp" line="13"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>flashface::ui::PromptEditor</name>
    <message>
        <location filename="../ui/prompteditor.cpp" line="39"/>
        <source>&amp;Prompt</source>
        <translation>提示词(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="39"/>
        <source>&amp;Negative prompt</source>
        <translation>反向提示词(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="41"/>
        <source>Describe the picture: name age and gender, e.g. “a handsome young man, with long brown hair, on the street at night, soft light”</source>
        <translation>描述画面：写明年龄和性别，例如“a handsome young man, with long brown hair, on the street at night, soft light”</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="44"/>
        <source>What you do not want to see, e.g. “glasses, beard, bangs”</source>
        <translation>不想出现的内容，例如“glasses, beard, bangs”</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="45"/>
        <source>Naming age and gender (“a handsome young man”, “a beautiful young woman”) helps the likeness.</source>
        <translation>写明年龄和性别（“a handsome young man”、“a beautiful young woman”）有助于提高相似度。</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="47"/>
        <source>Use the negative prompt to remove unwanted features such as a beard, glasses or bangs.</source>
        <translation>用反向提示词去除不想要的特征，例如胡子、眼镜或刘海。</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="52"/>
        <source>Append quality postfix</source>
        <translation>追加质量后缀</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="52"/>
        <source>Append default negative postfix</source>
        <translation>追加默认反向后缀</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="54"/>
        <source>The official tool appends this text to every prompt. Edit it or switch it off.</source>
        <translation>官方工具会在每个提示词后追加这段文字。你可以编辑或关闭它。</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="59"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="60"/>
        <source>Restore the official postfix</source>
        <translation>恢复官方后缀</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="64"/>
        <source>CLIP reads at most %1 tokens of the prompt and postfix together; anything after that is cut (shown struck out).</source>
        <translation>CLIP 最多读取提示词与后缀合计 %1 个词元；超出部分会被截断（以删除线显示）。</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="116"/>
        <source>Token count unavailable until the tokenizer is loaded.</source>
        <translation>分词器加载完成前无法统计词元数。</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="129"/>
        <source>– / %1 tokens</source>
        <translation>– / %1 词元</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="137"/>
        <source>%1 / %2 tokens — %3 cut</source>
        <translation>%1 / %2 词元 — 截断 %3</translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="138"/>
        <source>%1 / %2 tokens</source>
        <translation>%1 / %2 词元</translation>
    </message>
</context>
<context>
    <name>flashface::ui::ReferenceCard</name>
    <message>
        <location filename="../ui/referencecard.cpp" line="27"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="36"/>
        <source>The face the model will see</source>
        <translation>模型将看到的人脸</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="42"/>
        <source>Include this reference in the next run</source>
        <translation>在下次生成中使用这张参考照片</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="43"/>
        <source>Draw face box…</source>
        <translation>绘制人脸框…</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="44"/>
        <source>Mark the face by hand, for photos where none is detected</source>
        <translation>手动标出人脸，用于未检测到人脸的照片</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="45"/>
        <source>Clear box</source>
        <translation>清除框</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="46"/>
        <source>Go back to the detected face</source>
        <translation>改回检测到的人脸</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="49"/>
        <source>Remove this reference</source>
        <translation>移除这张参考照片</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="50"/>
        <source>Remove reference</source>
        <translation>移除参考照片</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="56"/>
        <source>How much this photo counts: 2 counts as the photo given twice, 0.5 as half</source>
        <translation>此照片的分量：2 相当于给出两次此照片，0.5 相当于半张</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="57"/>
        <location filename="../ui/referencecard.cpp" line="58"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="60"/>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="61"/>
        <source>Which person this photo shows. Mark photos of a second person B to mix the two faces with the slider under the references.</source>
        <translation>此照片中是哪个人物。将第二个人物的照片标为 B，即可用参考列表下方的滑块混合两张面孔。</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="67"/>
        <source>Person A</source>
        <translation>人物 A</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="67"/>
        <source>Person B</source>
        <translation>人物 B</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="132"/>
        <source>Looking for faces…</source>
        <translation>正在检测人脸…</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="136"/>
        <location filename="../ui/referencecard.cpp" line="140"/>
        <source>Manual face box.</source>
        <translation>手动人脸框。</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="136"/>
        <source>No face found. Draw a face box to use this photo.</source>
        <translation>未检测到人脸。绘制人脸框后即可使用这张照片。</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="142"/>
        <source>%1 faces found: using face %2. Click another face to choose it.</source>
        <translation>检测到 %1 张人脸：正在使用第 %2 张。点击其他人脸可切换。</translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="145"/>
        <source>Face found (confidence %1%).</source>
        <translation>已检测到人脸（置信度 %1%）。</translation>
    </message>
</context>
<context>
    <name>flashface::ui::ReferencePanel</name>
    <message>
        <location filename="../ui/referencepanel.cpp" line="77"/>
        <source>Add Photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="78"/>
        <source>Photos of the person. More varied photos give better likeness.</source>
        <translation>此人的照片。照片越多样，相似度越高。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="79"/>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="80"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="81"/>
        <source>Paste an image or image files from the clipboard (Ctrl+V)</source>
        <translation>从剪贴板粘贴图像或图像文件（Ctrl+V）</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="87"/>
        <source>Drop photos of the person here, or paste them.

One face per photo works best; varied photos (angles, light, expressions) give better likeness.</source>
        <translation>将此人的照片拖到这里，或直接粘贴。

每张照片一张人脸效果最好；多样的照片（角度、光线、表情）能提高相似度。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="106"/>
        <source>Mix the two people: left for more of person A, right for more of person B. It sets the weights of their photos.</source>
        <translation>混合两个人物：向左更像人物 A，向右更像人物 B。它会设置他们照片的权重。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="108"/>
        <source>Mix A ↔ B</source>
        <translation>混合 A ↔ B</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="111"/>
        <source>Mix</source>
        <translation>混合</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="127"/>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="128"/>
        <source>Add Reference Photos</source>
        <translation>添加参考照片</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="133"/>
        <source>Add Reference Folder</source>
        <translation>添加参考照片文件夹</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="145"/>
        <source>%1 of %2 references in use</source>
        <translation>正在使用 %1 / %2 张参考照片</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="162"/>
        <source>No images in %1</source>
        <translation>%1 中没有图像</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="212"/>
        <source>Pasted image %1</source>
        <translation>粘贴的图像 %1</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="215"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="295"/>
        <source>Faces not checked: %1 The engine will look for the face when generating.</source>
        <translation>未检测人脸：%1 生成时引擎会自行检测人脸。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="376"/>
        <source>%1% A · %2% B</source>
        <translation>%1% A · %2% B</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="409"/>
        <source>%1: still looking for faces.</source>
        <translation>%1：仍在检测人脸。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="411"/>
        <source>%1: no face found; draw a face box or disable it.</source>
        <translation>%1：未检测到人脸；请绘制人脸框或停用它。</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="412"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="427"/>
        <source>Dropped image</source>
        <translation>拖入的图像</translation>
    </message>
</context>
<context>
    <name>flashface::ui::ReferencePhotoView</name>
    <message>
        <location filename="../ui/referencephotoview.cpp" line="72"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>flashface::ui::RemoteGenerationWorker</name>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="210"/>
        <source>it sent more than %1 in one answer</source>
        <translation>它在一次应答中发送了超过 %1 的数据</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="221"/>
        <source>Cannot reach the server at %1: %2. Check the address in Preferences → Engine, and that “flashface serve” runs there.</source>
        <translation>无法连接到服务器 %1：%2。请在“首选项 → 引擎”中检查地址，并确认该处正在运行“flashface serve”。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="230"/>
        <source>The server at %1 refused the token: %2 Check the token in Preferences → Engine.</source>
        <translation>服务器 %1 拒绝了令牌：%2 请在“首选项 → 引擎”中检查令牌。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="232"/>
        <source>The server at %1 answered with a redirect (HTTP %2); enter the address it redirects to in Preferences → Engine.</source>
        <translation>服务器 %1 返回了重定向（HTTP %2）；请在“首选项 → 引擎”中输入它重定向到的地址。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="236"/>
        <source>The server at %1 answered HTTP %2: %3</source>
        <translation>服务器 %1 返回 HTTP %2：%3</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="243"/>
        <source>“%1” is not a server address: enter one like http://gpu-box:8780 in Preferences → Engine.</source>
        <translation>“%1”不是服务器地址：请在“首选项 → 引擎”中输入类似 http://gpu-box:8780 的地址。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="254"/>
        <source>%1 answers, but not as “flashface serve” does (no device in its /v1/health).</source>
        <translation>%1 有应答，但不像“flashface serve”（其 /v1/health 中没有设备）。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="257"/>
        <source>%1 on %2</source>
        <translation>%1，位于 %2</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="310"/>
        <source>the stream ended</source>
        <translation>事件流已结束</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="347"/>
        <source>The server at %1 accepted the run but named no job.</source>
        <translation>服务器 %1 接受了生成，但没有给出任务编号。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="374"/>
        <source>The connection to the server at %1 was lost during the run (%2). Nothing of the run was saved; choose Retry to queue it again.</source>
        <translation>生成过程中与服务器 %1 的连接中断（%2）。此次生成没有保存任何内容；选择“重试”可重新排队。</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="398"/>
        <source>The images could not be downloaded: %1</source>
        <translation>无法下载图像：%1</translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="408"/>
        <source>The server at %1 sent a result this studio cannot read: %2</source>
        <translation>服务器 %1 发送的结果无法读取：%2</translation>
    </message>
</context>
<context>
    <name>flashface::ui::SettingsPanel</name>
    <message>
        <location filename="../ui/settingspanel.cpp" line="66"/>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Denoising steps. The official tool uses 35 (30 in its API); more steps are slower and rarely better beyond that.</source>
        <translation type="vanished">去噪步数。官方工具使用 35 步（其 API 为 30 步）；步数越多越慢，超过后效果很少更好。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="97"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="100"/>
        <source>How the image is denoised step by step. DDIM is the official choice. Euler gives the same images as DDIM; Euler ancestral adds fresh noise at every step (from the seed, so runs repeat); DPM++ 2M and DPM++ 2M Karras often need fewer steps.</source>
        <translation>图像逐步去噪的方式。DDIM 是官方的选择。Euler 与 DDIM 生成相同的图像；Euler ancestral 每一步加入新的噪声（由种子决定，因此可以重复）；DPM++ 2M 和 DPM++ 2M Karras 通常需要更少的步数。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="120"/>
        <source>The same seed with the same settings gives the same images.</source>
        <translation>相同的种子和设置会生成相同的图像。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="121"/>
        <source>Draw a new seed for every run. The seed used is shown here and kept with each image.</source>
        <translation>每次生成使用新的随机种子。所用的种子会显示在这里并随每张图像保存。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="125"/>
        <source>Roll a new seed and keep it fixed</source>
        <translation>随机一个新种子并固定使用</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="126"/>
        <source>Roll seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="103"/>
        <source>Images per run. They share the references and the prompt; each gets its own noise.</source>
        <translation>每次生成的图像数。它们共用参考照片和提示词，各自使用不同的噪声。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="140"/>
        <source>Output width in pixels (a multiple of 8). The model was trained at 768 × 768.</source>
        <translation>输出宽度（像素，8 的倍数）。模型在 768 × 768 下训练。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="141"/>
        <source>Output height in pixels (a multiple of 8). The model was trained at 768 × 768.</source>
        <translation>输出高度（像素，8 的倍数）。模型在 768 × 768 下训练。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="142"/>
        <source>Common output sizes</source>
        <translation>常用输出尺寸</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="144"/>
        <source>%1 × %2 — %3</source>
        <translation>%1 × %2 — %3</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="145"/>
        <location filename="../ui/settingspanel.cpp" line="256"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="105"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="107"/>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="108"/>
        <source>Sampler:</source>
        <translation>采样器：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="109"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="110"/>
        <source>Images:</source>
        <translation>图像数：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="112"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Text guidance: how strongly the prompt steers the image. Official default 7.5; “Change age” uses 8.5 so the prompt can override the references.</source>
        <translation type="vanished">文本引导：提示词对图像的影响强度。官方默认 7.5；“改变年龄”使用 8.5，让提示词能压过参考照片。</translation>
    </message>
    <message>
        <source>Reference feature strength λ: how much of the reference faces is injected. Official default 1.2, useful range 0.7–1.4. Raise it for more likeness — usually raising only this is enough. Too high looks pasted; lower it for artifacts.</source>
        <translation type="vanished">参考特征强度 λ：注入多少参考人脸特征。官方默认 1.2，常用范围 0.7–1.4。调大可提高相似度——通常只调这一项就够了。过高会像贴上去的脸；出现瑕疵时调小。</translation>
    </message>
    <message>
        <source>Reference guidance strength. Official default 3.2, range 1.8–4. Higher keeps more facial detail but gives less variety.</source>
        <translation type="vanished">参考引导强度。官方默认 3.2，范围 1.8–4。越高保留的面部细节越多，但多样性越低。</translation>
    </message>
    <message>
        <source>Reference guidance applies from this timestep on (t ≤ value, of 1000). Official default 750. Higher means earlier and more likeness; lower leaves the prompt more freedom, e.g. to change age.</source>
        <translation type="vanished">参考引导从该时间步开始生效（t ≤ 该值，共 1000）。官方默认 750。越高开始越早、越像本人；越低则给提示词更多自由，例如改变年龄。</translation>
    </message>
    <message>
        <source>λ used before reference guidance starts. Official default 0.85.</source>
        <translation type="vanished">参考引导开始前使用的 λ。官方默认 0.85。</translation>
    </message>
    <message>
        <source>Guidance rescale: tames the over-saturated look of strong guidance. Official value 0.5.</source>
        <translation type="vanished">引导重缩放：减轻强引导带来的过饱和感。官方值 0.5。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="186"/>
        <source>Guidance</source>
        <translation>引导</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="188"/>
        <source>Text guidance:</source>
        <translation>文本引导：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="189"/>
        <source>Reference strength λ:</source>
        <translation>参考强度 λ：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="190"/>
        <source>Reference guidance:</source>
        <translation>参考引导：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="191"/>
        <source>Launch step:</source>
        <translation>启动步：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="197"/>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="200"/>
        <source>Rarely needed: the official tool keeps these fixed.</source>
        <translation>很少需要：官方工具固定使用这些值。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="204"/>
        <source>λ before launch:</source>
        <translation>启动前 λ：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="205"/>
        <source>Guidance rescale:</source>
        <translation>引导重缩放：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="225"/>
        <source>Guidance presets. “Change age” lets the prompt change the person&apos;s age.</source>
        <translation>引导预设。“改变年龄”可让提示词改变人物的年龄。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="227"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="228"/>
        <source>Save the current guidance values as a preset</source>
        <translation>将当前引导参数保存为预设</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="229"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="230"/>
        <source>Delete this user preset</source>
        <translation>删除这个用户预设</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="232"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="243"/>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="243"/>
        <source>Delete the preset “%1”?</source>
        <translation>删除预设“%1”？</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="326"/>
        <location filename="../ui/settingspanel.cpp" line="334"/>
        <location filename="../ui/settingspanel.cpp" line="338"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="326"/>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="334"/>
        <source>“%1” is a built-in preset; choose another name.</source>
        <translation>“%1”是内置预设，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="338"/>
        <source>Replace the preset “%1”?</source>
        <translation>替换预设“%1”？</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="92"/>
        <source>Denoising steps. The official tool uses %1 (30 in its API); more steps are slower and rarely better beyond that.</source>
        <translation>去噪步数。官方工具使用 %1 步（其 API 为 30 步）；步数越多越慢，超过后效果很少更好。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="166"/>
        <source>Text guidance: how strongly the prompt steers the image. Official default %1; “Change age” raises it so the prompt can override the references.</source>
        <translation>文本引导：提示词对图像的影响强度。官方默认 %1；“改变年龄”会调高它，让提示词能压过参考照片。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="169"/>
        <source>Reference feature strength λ: how much of the reference faces is injected. Official default %1, useful range 0.7–1.4. Raise it for more likeness — usually raising only this is enough. Too high looks pasted; lower it for artifacts.</source>
        <translation>参考特征强度 λ：注入多少参考人脸特征。官方默认 %1，常用范围 0.7–1.4。调大可提高相似度——通常只调这一项就够了。过高会像贴上去的脸；出现瑕疵时调小。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="173"/>
        <source>Reference guidance strength. Official default %1, range 1.8–4. Higher keeps more facial detail but gives less variety.</source>
        <translation>参考引导强度。官方默认 %1，范围 1.8–4。越高保留的面部细节越多，但多样性越低。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="176"/>
        <source>Reference guidance applies from this timestep on (t ≤ value, of 1000). Official default %1. Higher means earlier and more likeness; lower leaves the prompt more freedom, e.g. to change age.</source>
        <translation>参考引导从该时间步开始生效（t ≤ 该值，共 1000）。官方默认 %1。越高开始越早、越像本人；越低则给提示词更多自由，例如改变年龄。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="181"/>
        <source>λ used before reference guidance starts. Official default %1.</source>
        <translation>参考引导开始前使用的 λ。官方默认 %1。</translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="182"/>
        <source>Guidance rescale: tames the over-saturated look of strong guidance. Official value %1.</source>
        <translation>引导重缩放：减轻强引导带来的过饱和感。官方值 %1。</translation>
    </message>
</context>
<context>
    <name>flashface::ui::TargetPanel</name>
    <message>
        <location filename="../ui/targetpanel.cpp" line="61"/>
        <source>The mask is %1×%2 pixels but the photo is %3×%4: draw the mask at the photo&apos;s size.</source>
        <translation>蒙版为 %1×%2 像素，而照片为 %3×%4：请按照片的尺寸绘制蒙版。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="74"/>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="83"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="86"/>
        <source>Paint a Mask</source>
        <translation>绘制蒙版</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="87"/>
        <source>Whole Picture</source>
        <translation>整张图片</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="89"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="90"/>
        <source>The photo to change: its face (or the part you choose) is repainted, the rest is kept</source>
        <translation>要修改的照片：重绘其人脸（或你选择的部分），其余部分保持不变</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="91"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="92"/>
        <source>Use the image on the clipboard as the photo to change</source>
        <translation>将剪贴板中的图像用作要修改的照片</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="93"/>
        <source>No photo to change: generate new pictures</source>
        <translation>不修改照片：生成新图片</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="100"/>
        <source>Paint the part of the photo to repaint</source>
        <translation>绘制照片中要重绘的部分</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="101"/>
        <source>Rework the whole picture (img2img)</source>
        <translation>重新处理整张图片（图生图）</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="107"/>
        <source>Use my face box</source>
        <translation>使用我的人脸框</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="108"/>
        <source>Place the face where the Face Position box says instead of where the repainted region is</source>
        <translation>将人脸放在“人脸位置”框所指的位置，而不是重绘区域所在的位置</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="123"/>
        <source>Open Photo to Change</source>
        <translation>打开要修改的照片</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="141"/>
        <source>Repaint:</source>
        <translation>重绘：</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="146"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="146"/>
        <source>The detected face, with its hair line, ears and chin (face swap)</source>
        <translation>检测到的人脸，包括发际线、耳朵和下巴（换脸）</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="147"/>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="147"/>
        <source>The part you paint with the brush, or a mask image (white = repaint)</source>
        <translation>用画笔绘制的部分，或一张蒙版图像（白色 = 重绘）</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="148"/>
        <source>Whole picture</source>
        <translation>整张图片</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="148"/>
        <source>Everything, keeping the photo&apos;s composition and colours (img2img)</source>
        <translation>全部重绘，保留照片的构图和色彩（图生图）</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="165"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="166"/>
        <source>Paint the part to repaint</source>
        <translation>绘制要重绘的部分</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="168"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="169"/>
        <source>Take parts out of the painted region</source>
        <translation>从已绘制的区域中擦除部分</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="177"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="178"/>
        <source>Brush radius in pixels of the photo</source>
        <translation>画笔半径（以照片像素计）</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="179"/>
        <source>Brush size</source>
        <translation>画笔大小</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="180"/>
        <source>Load Mask…</source>
        <translation>加载蒙版…</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="181"/>
        <source>A black-and-white image of the photo&apos;s size: white is repainted</source>
        <translation>与照片同尺寸的黑白图像：白色部分会被重绘</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="182"/>
        <source>Clear Mask</source>
        <translation>清除蒙版</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="197"/>
        <source>Load Mask</source>
        <translation>加载蒙版</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="208"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="209"/>
        <source>How much of the region changes: 1 repaints it from scratch, lower values keep more of the photo. Each region has its own default (face and mask 1, whole picture 0.75).</source>
        <translation>区域的改变程度：1 表示完全重新绘制，数值越低保留的原照片越多。每种区域有各自的默认值（人脸和蒙版为 1，整张图片为 0.75）。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="215"/>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="255"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="297"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="300"/>
        <source>Pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="354"/>
        <source>Open the photo to change first, then its mask.</source>
        <translation>请先打开要修改的照片，再加载其蒙版。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="366"/>
        <source>Cannot use the mask %1: %2</source>
        <translation>无法使用蒙版 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="389"/>
        <source>Faces not checked: %1 The engine will look for the face when generating.</source>
        <translation>未检测人脸：%1 生成时引擎会自行检测人脸。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="393"/>
        <source>No face was found in this photo. Paint the area to repaint as a mask, or repaint the whole picture.</source>
        <translation>这张照片中未找到人脸。请将要重绘的区域绘制为蒙版，或重绘整张图片。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="396"/>
        <source>The face outlined is repainted.</source>
        <translation>框出的人脸将被重绘。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="397"/>
        <source>%1 faces found: click one to choose which is repainted.</source>
        <translation>找到 %1 张人脸：点击其中一张以选择要重绘的人脸。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="434"/>
        <source>Looking for faces…</source>
        <translation>正在检测人脸…</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="436"/>
        <source>Paint the part to repaint; the rest of the photo stays as it is.</source>
        <translation>绘制要重绘的部分；照片的其余部分保持不变。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="437"/>
        <source>The whole picture is reworked; a lower strength keeps more of it.</source>
        <translation>整张图片都会被重新处理；强度越低，保留的原图越多。</translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="453"/>
        <source>Dropped image</source>
        <translation>拖入的图像</translation>
    </message>
</context>
<context>
    <name>flashface::ui::TargetPhotoView</name>
    <message>
        <location filename="../ui/targetphotoview.cpp" line="162"/>
        <source>Drop the photo to change here, or open or paste it.

Its face (or the part you paint) is repainted with the person of the references; the rest stays as it is.</source>
        <translation>将要修改的照片拖到这里，或打开、粘贴照片。

其人脸（或你绘制的部分）会按参考照片中的人物重绘；其余部分保持不变。</translation>
    </message>
</context>
<context>
    <name>flashface::ui::ZoomableImageView</name>
    <message>
        <location filename="../ui/imageviewer.cpp" line="31"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
</context>
</TS>
