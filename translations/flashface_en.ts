<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FaceDetectionService</name>
    <message>
        <location filename="../ui/facedetectionservice.cpp" line="38" />
        <source>Face detection is unavailable: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facedetectionservice.cpp" line="40" />
        <source>the model files are not all in place yet.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GuidancePreset</name>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="37" />
        <source>Official defaults</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="42" />
        <source>Identity fidelity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="48" />
        <source>Change age</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <location filename="../ui/imageexport.cpp" line="26" />
        <source>PNG with parameters (*.png)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="28" />
        <source>JPEG (*.jpg *.jpeg)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="29" />
        <source>WebP (*.webp)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="35" />
        <source>%1 already exists; it was not replaced.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="37" />
        <location filename="../ui/imageexport.cpp" line="51" />
        <location filename="../ui/imageexport.cpp" line="53" />
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="43" />
        <source>Cannot read %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="47" />
        <source>Cannot read %1.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="52" />
        <source>%1 s</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../ui/settingspanel.cpp" line="47" />
        <source>Square (trained size)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="48" />
        <source>Portrait 3:4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="49" />
        <source>Portrait 2:3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="50" />
        <source>Landscape 4:3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="51" />
        <source>Landscape 3:2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="52" />
        <source>Small square (fast)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::download::DownloadDialog</name>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="28" />
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="29" />
        <source>Connecting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="30" />
        <source>Downloading</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="31" />
        <source>Checking integrity…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="32" />
        <source>Waiting to retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="33" />
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="34" />
        <source>Failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="35" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="50" />
        <source>Download model weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="68" />
        <source>Every model file is already in %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="70" />
        <source>FlashFace needs the files below, about %1 in all, in
%2
(%3 free there). Downloads resume where they stopped if interrupted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="82" />
        <source>Progress of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="96" />
        <source>Total progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="98" />
        <source>Total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="105" />
        <source>Retries and problems are listed here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="110" />
        <source>&amp;Download</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="156" />
        <location filename="../ui/download/downloaddialog.cpp" line="174" />
        <source>%1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="159" />
        <location filename="../ui/download/downloaddialog.cpp" line="175" />
        <source> · %1/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="161" />
        <source> · %1 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="176" />
        <source> · about %1 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="186" />
        <source>All files are downloaded and intact.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="192" />
        <source>&amp;Retry</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::download::DownloadManager</name>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="132" />
        <source>Not enough disk space in %1: the download needs %2 more, %3 is free. Free some space or choose another models folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="189" />
        <source>Cannot create the models folder %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="212" />
        <source>The download was cancelled; what has arrived is kept and resumes next time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="222" />
        <source>Checking the file already present…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="230" />
        <source>Already present.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="234" />
        <source>%1 is damaged and is fetched again: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="249" />
        <source>Checking integrity…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="260" />
        <source>Cannot rename %1 to %2: %3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="272" />
        <source>%1 arrived damaged %2 times; the last check said: %3 Try again later or use another mirror.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="279" />
        <source>%1 arrived damaged and is fetched again: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="287" />
        <source>%1 Gave up after %2 attempts in a row.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="292" />
        <source>%1 Retrying in %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="311" />
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="367" />
        <source>The server resumed %1 at the wrong place; starting it over.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="373" />
        <source>The server cannot resume %1; downloading it from the start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="387" />
        <source>The server rejected the resume point of %1; starting it over.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="391" />
        <source>The server answered %1 %2 for %3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="397" />
        <source>The server offers %1 with %2 bytes, but it should have %3 bytes; the mirror may hold another version.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="417" />
        <location filename="../ui/download/downloadmanager.cpp" line="459" />
        <source>Writing %1 failed: %2. Is the disk full?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="442" />
        <source>No data arrived for %1 for %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="451" />
        <source>The download of %1 was interrupted: %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="454" />
        <source>The connection closed after %1 of %2 of %3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="464" />
        <source>Too many redirects while fetching %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/download/downloadmanager.cpp" line="478" />
        <source>Checking integrity… %1 %</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::FaceBoxCanvas</name>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="31" />
        <source>No face position: the face may appear anywhere.
Drag to draw a box.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="32" />
        <source>Face position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="211" />
        <source>face area</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::FacePositionPanel</name>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="39" />
        <source>Centred portrait</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="40" />
        <source>Official default</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="41" />
        <source>None (face anywhere)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="42" />
        <source>Custom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="43" />
        <source>Recommended: centred portrait [0.3, 0.2, 0.6, 0.5]. The official tool's default is [0.3, 0.1, 0.6, 0.4].</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47" />
        <source>x1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47" />
        <source>y1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47" />
        <source>x2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47" />
        <source>y2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="62" />
        <source>The model constrains a square: the box's longer side, from its top-left corner, clipped at the image edges. The filled square shows it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="66" />
        <source>Preset:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="107" />
        <source>No constraint: the face may appear anywhere.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="108" />
        <source>Face area: %1×%2 px at (%3, %4)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::GalleryModel</name>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="70" />
        <source>Could not delete %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="87" />
        <source>%1
Seed %2 · %3×%4 · %5 steps
%6</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::GalleryView</name>
    <message>
        <location filename="../ui/galleryview.cpp" line="31" />
        <source>Gallery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="42" />
        <source>Save As…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="43" />
        <source>Copy Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="44" />
        <source>Copy Seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="45" />
        <source>Reuse All Parameters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="47" />
        <source>Open Containing Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="49" />
        <source>Delete…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="67" />
        <location filename="../ui/galleryview.cpp" line="72" />
        <source>Save Image As</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="73" />
        <source>Saved %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="78" />
        <source>Image copied</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="83" />
        <source>Seed %1 copied</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="92" />
        <location filename="../ui/galleryview.cpp" line="96" />
        <source>Delete Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="92" />
        <source>Move “%1” to the trash?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::GenerationQueue</name>
    <message>
        <location filename="../ui/generationqueue.cpp" line="92" />
        <source>No such generation in the queue.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::GenerationWorker</name>
    <message>
        <location filename="../ui/generationworker.cpp" line="49" />
        <source>Loading the models was cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/generationworker.cpp" line="68" />
        <source>The models could not be loaded.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="94" />
        <location filename="../ui/mainwindow.cpp" line="323" />
        <source>Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="95" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="98" />
        <source>FlashFace Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="108" />
        <source>References</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="109" />
        <source>Face Position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="110" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="111" />
        <source>Gallery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="118" />
        <source>Parameters restored (seed %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="152" />
        <source>Add reference photos, describe the picture, and press Generate (Ctrl+Enter).
Previews appear here while the images form.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="164" />
        <source>Generate with the current settings (Ctrl+Enter). While a run is in progress, this queues another one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="166" />
        <source>Stop the current run (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="168" />
        <source>Idle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="204" />
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="205" />
        <source>Add Reference &amp;Photos…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="206" />
        <source>Add Reference Photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="209" />
        <source>&amp;Paste Reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="210" />
        <source>&amp;Open Parameters from Image…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211" />
        <source>Open Parameters from Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="212" />
        <source>PNG images (*.png)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216" />
        <source>P&amp;references…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="220" />
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="223" />
        <location filename="../ui/mainwindow.cpp" line="224" />
        <source>&amp;Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="226" />
        <source>&amp;Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="228" />
        <source>Clear &amp;Queue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="230" />
        <source>&amp;Roll New Seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="232" />
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="235" />
        <source>&amp;Reset Layout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="240" />
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="241" />
        <source>&amp;Tips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="243" />
        <source>Tips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="244" />
        <source>&lt;ul&gt;&lt;li&gt;Name age and gender in the prompt (“a handsome young man”).&lt;/li&gt;&lt;li&gt;Use the face position box; the recommended one is the centred portrait.&lt;/li&gt;&lt;li&gt;For more likeness raise λ (usually enough on its own), then reference guidance and the launch step; too high gives a pasted look.&lt;/li&gt;&lt;li&gt;Lower them if you see artifacts.&lt;/li&gt;&lt;li&gt;To change the age, use the “Change age” preset.&lt;/li&gt;&lt;li&gt;Several varied reference photos give better likeness than one.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252" />
        <source>&amp;About FlashFace Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="253" />
        <source>About FlashFace Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="254" />
        <source>&lt;h3&gt;FlashFace Studio %1&lt;/h3&gt;&lt;p&gt;Human image personalisation with high-fidelity identity preservation, after FlashFace (Zhang et al., 2024).&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="262" />
        <source>Loading models: %1 (%2%)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="265" />
        <source>Models loaded — %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="271" />
        <source>Preparing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="277" />
        <source>Step %1 of %2 — %3 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="278" />
        <source>Step %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="290" />
        <source>Done in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="291" />
        <source>Seed %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="304" />
        <source>Some images could not be saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="305" />
        <source>%n image(s) saved to %1</source>
        <translation>
            <numerusform>%n image saved to %1</numerusform><numerusform>%n images saved to %1</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="309" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="311" />
        <source>Failed</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="320" />
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform><numerusform>%n queued</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="323" />
        <source>Queue Another</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="356" />
        <location filename="../ui/mainwindow.cpp" line="485" />
        <source>Parameters restored from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="359" />
        <source>No FlashFace parameters in %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="366" />
        <source>Some model files are missing; see the list above.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="371" />
        <source>Still looking for faces in the reference photos; try again in a moment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="378" />
        <source>Add at least one reference photo of the person.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="379" />
        <source>No usable reference photo: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="382" />
        <source>Skipped: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395" />
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="432" />
        <source>Token count unavailable: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="494" />
        <source>Dropped image</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::ManualCropDialog</name>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="17" />
        <source>Draw Face Box</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="21" />
        <source>Drag a box around the face, from the forehead to the chin.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="28" />
        <source>Drag to draw, drag inside to move, drag the handles to resize.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::MissingModelsPanel</name>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="28" />
        <source>Download…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="29" />
        <source>Download the missing files into the models folder (resumes if interrupted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="30" />
        <source>Open Models Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="31" />
        <source>Choose Models Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="32" />
        <source>Check Again</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../ui/missingmodelspanel.cpp" line="66" />
        <source>%n model file(s) missing: you can prepare references, prompts and settings, but generating needs them.</source>
        <translation>
            <numerusform>%n model file missing: you can prepare references, prompts and settings, but generating needs it.</numerusform><numerusform>%n model files missing: you can prepare references, prompts and settings, but generating needs them.</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="69" />
        <source>&lt;p&gt;Put these files into &lt;b&gt;%1&lt;/b&gt;:&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="74" />
        <source>&lt;li&gt;&lt;b&gt;%1&lt;/b&gt; — %2 (&lt;a href="%3"&gt;download&lt;/a&gt;)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="78" />
        <source>&lt;br/&gt;expected at %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="31" />
        <source>Preferences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="33" />
        <source>Automatic (GPU when available)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="34" />
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="35" />
        <source>CUDA GPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="37" />
        <source>Automatic (half on GPU, full on CPU)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="38" />
        <source>Full (float32)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="39" />
        <source>Half (float16, GPU only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="42" />
        <source>All cores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="44" />
        <source>CPU threads the engine uses; fewer keep the computer responsive while generating.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="45" />
        <source>Names of generated files: {date}, {time}, {seed}, {steps} and {prompt} are filled in; a number is appended, so no file is ever replaced.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="47" />
        <source>System language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="52" />
        <source>Engine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="54" />
        <source>Models folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="54" />
        <source>Models Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="55" />
        <source>Device:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="56" />
        <source>Precision:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="57" />
        <source>Threads:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="58" />
        <source>Output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="60" />
        <source>Output folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="60" />
        <source>Output Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="61" />
        <source>File names:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="63" />
        <source>Interface</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="65" />
        <source>Language:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="70" />
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="70" />
        <source>The new language is used from the next start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="91" />
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="102" />
        <source>a handsome young man on the street</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="104" />
        <source>e.g. %1-00001.png</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::PreviewGrid</name>
    <message>
        <location filename="../ui/previewgrid.cpp" line="11" />
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::PromptEditor</name>
    <message>
        <location filename="../ui/prompteditor.cpp" line="39" />
        <source>&amp;Prompt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="39" />
        <source>&amp;Negative prompt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="41" />
        <source>Describe the picture: name age and gender, e.g. “a handsome young man, with long brown hair, on the street at night, soft light”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="44" />
        <source>What you do not want to see, e.g. “glasses, beard, bangs”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="45" />
        <source>Naming age and gender (“a handsome young man”, “a beautiful young woman”) helps the likeness.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="47" />
        <source>Use the negative prompt to remove unwanted features such as a beard, glasses or bangs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="52" />
        <source>Append quality postfix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="52" />
        <source>Append default negative postfix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="54" />
        <source>The official tool appends this text to every prompt. Edit it or switch it off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="59" />
        <source>Reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="60" />
        <source>Restore the official postfix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="64" />
        <source>CLIP reads at most %1 tokens of the prompt and postfix together; anything after that is cut (shown struck out).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="116" />
        <source>Token count unavailable until the tokenizer is loaded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="129" />
        <source>– / %1 tokens</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="137" />
        <source>%1 / %2 tokens — %3 cut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="138" />
        <source>%1 / %2 tokens</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::ReferenceCard</name>
    <message>
        <location filename="../ui/referencecard.cpp" line="22" />
        <source>Use</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="28" />
        <source>The face the model will see</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="34" />
        <source>Include this reference in the next run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="35" />
        <source>Draw face box…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="36" />
        <source>Mark the face by hand, for photos where none is detected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="37" />
        <source>Clear box</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="38" />
        <source>Go back to the detected face</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="41" />
        <source>Remove this reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="42" />
        <source>Remove reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="88" />
        <source>Looking for faces…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="92" />
        <location filename="../ui/referencecard.cpp" line="96" />
        <source>Manual face box.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="92" />
        <source>No face found. Draw a face box to use this photo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="98" />
        <source>%1 faces found: using face %2. Click another face to choose it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="101" />
        <source>Face found (confidence %1%).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::ReferencePanel</name>
    <message>
        <location filename="../ui/referencepanel.cpp" line="67" />
        <source>Add Photos…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="68" />
        <source>Photos of the person. More varied photos give better likeness.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="69" />
        <source>Add Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="70" />
        <source>Paste</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="71" />
        <source>Paste an image or image files from the clipboard (Ctrl+V)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="77" />
        <source>Drop photos of the person here, or paste them.

One face per photo works best; varied photos (angles, light, expressions) give better likeness.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="99" />
        <source>Images (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="100" />
        <source>Add Reference Photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="105" />
        <source>Add Reference Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="115" />
        <source>%1 of %2 references in use</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="130" />
        <source>No images in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="163" />
        <source>Pasted image %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="166" />
        <source>The clipboard holds no image.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="243" />
        <source>Faces not checked: %1 The engine will look for the face when generating.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="308" />
        <source>%1: still looking for faces.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="310" />
        <source>%1: no face found; draw a face box or disable it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="311" />
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="326" />
        <source>Dropped image</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::ReferencePhotoView</name>
    <message>
        <location filename="../ui/referencephotoview.cpp" line="72" />
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>flashface::ui::SettingsPanel</name>
    <message>
        <location filename="../ui/settingspanel.cpp" line="63" />
        <source>Random</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="77" />
        <source>Denoising steps. The official tool uses 35 (30 in its API); more steps are slower and rarely better beyond that.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="79" />
        <source>The same seed with the same settings gives the same images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="80" />
        <source>Draw a new seed for every run. The seed used is shown here and kept with each image.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="84" />
        <source>Roll a new seed and keep it fixed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="85" />
        <source>Roll seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="86" />
        <source>Images per run. They share the references and the prompt; each gets its own noise.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="87" />
        <source>Output width in pixels (a multiple of 8). The model was trained at 768 × 768.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="88" />
        <source>Output height in pixels (a multiple of 8). The model was trained at 768 × 768.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="89" />
        <source>Common output sizes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="91" />
        <source>%1 × %2 — %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="92" />
        <location filename="../ui/settingspanel.cpp" line="211" />
        <source>Custom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="94" />
        <source>Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="96" />
        <source>Steps:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="101" />
        <source>Seed:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="102" />
        <source>Images:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="103" />
        <source>Size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="111" />
        <source>Text guidance: how strongly the prompt steers the image. Official default 7.5; “Change age” uses 8.5 so the prompt can override the references.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="113" />
        <source>Reference feature strength λ: how much of the reference faces is injected. Official default 1.2, useful range 0.7–1.4. Raise it for more likeness — usually raising only this is enough. Too high looks pasted; lower it for artifacts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="116" />
        <source>Reference guidance strength. Official default 3.2, range 1.8–4. Higher keeps more facial detail but gives less variety.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="118" />
        <source>Reference guidance applies from this timestep on (t ≤ value, of 1000). Official default 750. Higher means earlier and more likeness; lower leaves the prompt more freedom, e.g. to change age.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="121" />
        <source>λ used before reference guidance starts. Official default 0.85.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="122" />
        <source>Guidance rescale: tames the over-saturated look of strong guidance. Official value 0.5.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="125" />
        <source>Guidance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="127" />
        <source>Text guidance:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="128" />
        <source>Reference strength λ:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="129" />
        <source>Reference guidance:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="130" />
        <source>Launch step:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="133" />
        <source>Advanced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="136" />
        <source>Rarely needed: the official tool keeps these fixed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="140" />
        <source>λ before launch:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="141" />
        <source>Guidance rescale:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="180" />
        <source>Guidance presets. “Change age” lets the prompt change the person's age.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="182" />
        <source>Save…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="183" />
        <source>Save the current guidance values as a preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="184" />
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="185" />
        <source>Delete this user preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="187" />
        <source>Preset:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="198" />
        <source>Delete preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="198" />
        <source>Delete the preset “%1”?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="272" />
        <location filename="../ui/settingspanel.cpp" line="280" />
        <location filename="../ui/settingspanel.cpp" line="284" />
        <source>Save preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="272" />
        <source>Preset name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="280" />
        <source>“%1” is a built-in preset; choose another name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="284" />
        <source>Replace the preset “%1”?</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>