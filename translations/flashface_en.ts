<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FaceDetectionService</name>
    <message>
        <location filename="../ui/facedetectionservice.cpp" line="47"/>
        <source>Face detection is unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facedetectionservice.cpp" line="49"/>
        <source>the model files are not all in place yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryItem</name>
    <message>
        <location filename="../ui/galleryitem.cpp" line="37"/>
        <source>Seed %1 (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuidancePreset</name>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="31"/>
        <source>Official defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="36"/>
        <source>Identity fidelity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/guidancepreset.cpp" line="42"/>
        <source>Change age</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <location filename="../ui/imageexport.cpp" line="28"/>
        <source>PNG with parameters (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="30"/>
        <source>JPEG (*.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="31"/>
        <source>WebP (*.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="48"/>
        <source>%1 already exists; it was not replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="70"/>
        <location filename="../ui/imageexport.cpp" line="73"/>
        <location filename="../ui/imageexport.cpp" line="75"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="55"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="59"/>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageParameters</name>
    <message>
        <location filename="../ui/imageparameters.cpp" line="166"/>
        <source>There is no image to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="204"/>
        <source>The parameters could not be added to the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="211"/>
        <source>%1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="229"/>
        <source>%1 is not a PNG, JPEG or WebP image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="232"/>
        <source>%1 carries no FlashFace parameters (it was not saved by FlashFace Studio).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageparameters.cpp" line="237"/>
        <source>The FlashFace parameters in %1 are damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputFolder</name>
    <message>
        <location filename="../ui/apppreferences.cpp" line="38"/>
        <source>No output folder is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/apppreferences.cpp" line="40"/>
        <source>%1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/apppreferences.cpp" line="42"/>
        <source>The folder %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/apppreferences.cpp" line="45"/>
        <source>Images cannot be saved in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/generationoutcome.cpp" line="46"/>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsHistory</name>
    <message>
        <location filename="../ui/settingshistory.cpp" line="89"/>
        <source>Face Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingshistory.cpp" line="90"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../ui/settingspanel.cpp" line="49"/>
        <source>Square (trained size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="50"/>
        <source>Portrait 3:4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="51"/>
        <source>Portrait 2:3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="52"/>
        <source>Landscape 4:3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="53"/>
        <source>Landscape 3:2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="54"/>
        <source>Small square (fast)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::download::DownloadDialog</name>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="30"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="31"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="32"/>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="33"/>
        <source>Checking integrity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="34"/>
        <source>Waiting to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="35"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="36"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="37"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="38"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="53"/>
        <source>Download model weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="71"/>
        <source>Every model file is already in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="73"/>
        <source>FlashFace needs the files below, about %1 in all, in
%2
(%3 free there). Downloads resume where they stopped if interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="85"/>
        <source>Progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="99"/>
        <source>Total progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="101"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="108"/>
        <source>Retries and problems are listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="113"/>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="160"/>
        <location filename="../ui/download/downloaddialog.cpp" line="179"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="162"/>
        <location filename="../ui/download/downloaddialog.cpp" line="182"/>
        <source> · %1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="164"/>
        <source> · %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="184"/>
        <source> · about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="194"/>
        <source>All files are downloaded and intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/download/downloaddialog.cpp" line="200"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::download::DownloadManager</name>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="153"/>
        <source>Not enough disk space in %1: the download needs %2 more, %3 is free. Free some space or choose another models folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="211"/>
        <source>Cannot create the models folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="234"/>
        <source>The download was cancelled; what has arrived is kept and resumes next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="244"/>
        <source>Another download of %1 into this folder is running; let it finish or stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="282"/>
        <source>Checking the file already present…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="285"/>
        <source>Already present.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="289"/>
        <source>%1 is damaged and is fetched again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="297"/>
        <source>Checking integrity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="316"/>
        <source>%1 arrived damaged %2 times; the last check said: %3 Try again later or use another mirror.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="322"/>
        <source>%1 arrived damaged and is fetched again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="330"/>
        <source>%1 Gave up after %2 attempts in a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="336"/>
        <source>%1 Retrying in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="496"/>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="389"/>
        <source>The server resumed %1 at the wrong place; starting it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="413"/>
        <source>The server cannot resume %1; downloading it from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="394"/>
        <source>The server rejected the resume point of %1; starting it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="404"/>
        <source>The server answered %1 %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="423"/>
        <source>The server offers %1 with %2 bytes, but it should have %3 bytes; the mirror may hold another version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="444"/>
        <location filename="../services/download/downloadmanager.cpp" line="484"/>
        <source>Writing %1 failed: %2. Is the disk full?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="462"/>
        <source>No data arrived for %1 for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="515"/>
        <source>The server redirected %1 to %2, which is not a web address; the download was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="469"/>
        <source>Offline: %1 cannot be reached (%2). Check the network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="474"/>
        <source>The download of %1 was interrupted: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="478"/>
        <source>The connection closed after %1 of %2 of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="519"/>
        <source>Too many redirects while fetching %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../services/download/downloadmanager.cpp" line="564"/>
        <source>Checking integrity… %1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::FaceBoxCanvas</name>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="32"/>
        <source>No face position: the face may appear anywhere.
Drag to draw a box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="33"/>
        <source>Face position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/faceboxcanvas.cpp" line="82"/>
        <source>face area</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::FacePositionPanel</name>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="39"/>
        <source>Centred portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="40"/>
        <source>Official default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="41"/>
        <source>None (face anywhere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="42"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="43"/>
        <source>Recommended: centred portrait [0.3, 0.2, 0.6, 0.5]. The official tool&apos;s default is [0.3, 0.1, 0.6, 0.4].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>x1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>y1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="47"/>
        <source>y2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="65"/>
        <source>The model constrains a square: the box&apos;s longer side, from its top-left corner, clipped at the image edges. The filled square shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="69"/>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="73"/>
        <source>Face swap: the face goes where the repainted region of the photo is. Tick “Use my face box” in the Target panel to place it with this box instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="129"/>
        <source>No constraint: the face may appear anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/facepositionpanel.cpp" line="130"/>
        <source>Face area: %1×%2 px at (%3, %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::GalleryModel</name>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="134"/>
        <source>Could not delete %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="176"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="182"/>
        <source>%1
Seed %2 · %3×%4 · %5 steps
Not saved: right-click and choose Save As… to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/gallerymodel.cpp" line="188"/>
        <source>%1
Seed %2 · %3×%4 · %5 steps
%6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::GalleryView</name>
    <message>
        <location filename="../ui/galleryview.cpp" line="33"/>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="54"/>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="56"/>
        <source>View Full Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="57"/>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="58"/>
        <source>Copy Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="59"/>
        <source>Reuse All Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="63"/>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="68"/>
        <source>Open Containing Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="70"/>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="70"/>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="94"/>
        <source>Only saved images can be favourites: use Save As… first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="129"/>
        <location filename="../ui/galleryview.cpp" line="137"/>
        <location filename="../ui/galleryview.cpp" line="143"/>
        <source>Save Image As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="138"/>
        <source>%1 already exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="150"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="156"/>
        <source>Image copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="161"/>
        <source>Seed %1 copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="167"/>
        <source>This image is not saved yet: use Save As… first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="173"/>
        <source>No file manager could be started to show %1. Its folder&apos;s path was copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="182"/>
        <location filename="../ui/galleryview.cpp" line="190"/>
        <source>Delete Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="182"/>
        <source>Move “%1” to the trash?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="184"/>
        <source>Discard Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/galleryview.cpp" line="185"/>
        <source>This image was never saved. Discard it for good?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::GenerationQueue</name>
    <message>
        <location filename="../ui/generationqueue.cpp" line="145"/>
        <source>No such generation in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::GenerationWorker</name>
    <message>
        <location filename="../ui/generationworker.cpp" line="54"/>
        <source>Loading the models was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/generationworker.cpp" line="73"/>
        <source>The models could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::ImageViewer</name>
    <message>
        <location filename="../ui/imageviewer.cpp" line="250"/>
        <source>Image Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="253"/>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="254"/>
        <source>Fit the image to the window (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="256"/>
        <source>1:1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="257"/>
        <source>Actual pixels (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="260"/>
        <source>Zoom in (+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="261"/>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="264"/>
        <source>Zoom out (−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="265"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="267"/>
        <source>Previous image (Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="268"/>
        <source>Previous image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="270"/>
        <source>Next image (Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="271"/>
        <source>Next image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="273"/>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="274"/>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="275"/>
        <source>Compare this image with another result or a reference photo (C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="361"/>
        <source>Pin This Image (then go to another)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="362"/>
        <source>With the Previous Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="364"/>
        <source>With the Next Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="367"/>
        <source>With a Reference Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="373"/>
        <source>Side by Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="373"/>
        <source>Swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="380"/>
        <source>Stop Comparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="399"/>
        <source>No image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="403"/>
        <source>not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="405"/>
        <source>%1 of %2 · %3 · seed %4 · %5×%6 · %7%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="415"/>
        <source>beside %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="416"/>
        <source>swiping with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/imageviewer.cpp" line="418"/>
        <source>%1 — Image Viewer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="106"/>
        <location filename="../ui/mainwindow.cpp" line="553"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="107"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="112"/>
        <source>FlashFace Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="125"/>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="126"/>
        <source>Face Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="127"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="128"/>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="194"/>
        <source>Add reference photos, describe the picture, and press Generate (Ctrl+Enter).
Previews appear here while the images form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="214"/>
        <source>Generate with the current settings (Ctrl+Enter). While a run is in progress, this queues another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Stop the current run (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="260"/>
        <source>Filter by prompt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="262"/>
        <source>Show only images whose prompt contains this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>Favourites only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="264"/>
        <source>Mark favourites with the gallery&apos;s menu or the * key</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="266"/>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="108"/>
        <source>Before / After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="109"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="130"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>Queue the failed run again, with the same settings, seed and photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="246"/>
        <source>Show the photo before the face swap in place of the results, and back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>Before: the target photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="319"/>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="321"/>
        <source>View Full Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="323"/>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="325"/>
        <source>Reuse All Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="326"/>
        <source>Show in Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="345"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="346"/>
        <source>Add Reference &amp;Photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="347"/>
        <source>Add Reference Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="352"/>
        <source>&amp;Paste Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="355"/>
        <source>&amp;Open Parameters from Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="356"/>
        <source>Open Parameters from Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="362"/>
        <source>P&amp;references…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="370"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="373"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="374"/>
        <location filename="../ui/mainwindow.cpp" line="382"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="376"/>
        <source>Undo the last change of the face position or the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="377"/>
        <location filename="../ui/mainwindow.cpp" line="385"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="382"/>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="385"/>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="388"/>
        <location filename="../ui/mainwindow.cpp" line="389"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="391"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="393"/>
        <source>&amp;Retry Failed Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>Clear &amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="397"/>
        <source>&amp;Roll New Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="399"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="402"/>
        <source>&amp;Reset Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="407"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="408"/>
        <source>&amp;Tips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="410"/>
        <source>Tips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="411"/>
        <source>&lt;ul&gt;&lt;li&gt;Name age and gender in the prompt (“a handsome young man”).&lt;/li&gt;&lt;li&gt;Use the face position box; the recommended one is the centred portrait.&lt;/li&gt;&lt;li&gt;For more likeness raise λ (usually enough on its own), then reference guidance and the launch step; too high gives a pasted look.&lt;/li&gt;&lt;li&gt;Lower them if you see artifacts.&lt;/li&gt;&lt;li&gt;To change the age, use the “Change age” preset.&lt;/li&gt;&lt;li&gt;Several varied reference photos give better likeness than one.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="419"/>
        <source>&amp;About FlashFace Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="420"/>
        <source>About FlashFace Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="421"/>
        <source>&lt;h3&gt;FlashFace Studio %1&lt;/h3&gt;&lt;p&gt;Human image personalisation with high-fidelity identity preservation, after FlashFace (Zhang et al., 2024).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="429"/>
        <source>Loading models: %1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="434"/>
        <source>Connected to the server — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="435"/>
        <source>Models loaded — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="440"/>
        <location filename="../ui/mainwindow.cpp" line="521"/>
        <source>The models could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="446"/>
        <source>Preparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="453"/>
        <source>Step %1 of %2 — %3 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="456"/>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="499"/>
        <source>Done in %1 — %n image(s) not saved</source>
        <translation>
            <numerusform>Done in %1 — %n image not saved</numerusform>
            <numerusform>Done in %1 — %n images not saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="501"/>
        <source>%n image(s) could not be saved to %1: %2 They are kept in the gallery (marked “Not saved”) until you quit: right-click one and choose Save As…, or choose another output folder in Preferences.</source>
        <translation>
            <numerusform>%n image could not be saved to %1: %2 It is kept in the gallery (marked “Not saved”) until you quit: right-click it and choose Save As…, or choose another output folder in Preferences.</numerusform>
            <numerusform>%n images could not be saved to %1: %2 They are kept in the gallery (marked “Not saved”) until you quit: right-click one and choose Save As…, or choose another output folder in Preferences.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="507"/>
        <source>Done in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="474"/>
        <source>Seed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="509"/>
        <source>%n image(s) saved to %1</source>
        <translation>
            <numerusform>%n image saved to %1</numerusform>
            <numerusform>%n images saved to %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="514"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="516"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="550"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="553"/>
        <source>Queue Another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="631"/>
        <source>Parameters restored from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="619"/>
        <source>No FlashFace parameters in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="357"/>
        <source>Images with parameters (*.png *.jpg *.jpeg *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="544"/>
        <source>The failed run is queued again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="633"/>
        <source>Parameters and reference weights restored from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="635"/>
        <source>Parameters restored from %1. Its reference weights are for %n reference(s), not for the %2 in use; the weights stay as they are.</source>
        <translation>
            <numerusform>Parameters restored from %1. Its reference weights are for %n reference, not for the %2 in use; the weights stay as they are.</numerusform>
            <numerusform>Parameters restored from %1. Its reference weights are for %n references, not for the %2 in use; the weights stay as they are.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="652"/>
        <source>%1 Choose another output folder in Preferences (Ctrl+,).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="657"/>
        <source>Some model files are missing; see the list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="662"/>
        <source>Still looking for faces in the reference photos; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="666"/>
        <source>Still loading the photo to change; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="673"/>
        <source>Add at least one reference photo of the person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="674"/>
        <source>No usable reference photo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="677"/>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="687"/>
        <source>Seed %1 is already queued with these settings: this run uses seed %2, so its images differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="709"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="771"/>
        <source>Token count unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="802"/>
        <source>Parameters and %n reference photo(s) restored (seed %1)</source>
        <translation>
            <numerusform>Parameters and %n reference photo restored (seed %1)</numerusform>
            <numerusform>Parameters and %n reference photos restored (seed %1)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="804"/>
        <source>Parameters restored (seed %1). This image&apos;s reference photos were not kept; the current references stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="848"/>
        <location filename="../ui/mainwindow.cpp" line="862"/>
        <source>Unsaved Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="849"/>
        <source>%n image(s) in the gallery were never saved. They are lost if you quit now.</source>
        <translation>
            <numerusform>%n image in the gallery was never saved. It is lost if you quit now.</numerusform>
            <numerusform>%n images in the gallery were never saved. They are lost if you quit now.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="857"/>
        <source>Save Unsaved Images To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="911"/>
        <source>Dropped image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::ManualCropDialog</name>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="17"/>
        <source>Draw Face Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="21"/>
        <source>Drag a box around the face, from the forehead to the chin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/manualcropdialog.cpp" line="28"/>
        <source>Drag to draw, drag inside to move, drag the handles to resize.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::MissingModelsPanel</name>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="28"/>
        <source>Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="29"/>
        <source>Download the missing files into the models folder (resumes if interrupted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="30"/>
        <source>Open Models Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="31"/>
        <source>Choose Models Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="32"/>
        <source>Check Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/missingmodelspanel.cpp" line="66"/>
        <source>%n model file(s) missing: you can prepare references, prompts and settings, but generating needs them.</source>
        <translation>
            <numerusform>%n model file missing: you can prepare references, prompts and settings, but generating needs it.</numerusform>
            <numerusform>%n model files missing: you can prepare references, prompts and settings, but generating needs them.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="69"/>
        <source>&lt;p&gt;Put these files into &lt;b&gt;%1&lt;/b&gt;:&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="74"/>
        <source>&lt;li&gt;&lt;b&gt;%1&lt;/b&gt; — %2 (&lt;a href=&quot;%3&quot;&gt;download&lt;/a&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/missingmodelspanel.cpp" line="78"/>
        <source>&lt;br/&gt;expected at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="53"/>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="55"/>
        <source>Automatic (GPU when available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="56"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="57"/>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="59"/>
        <source>Automatic (half on GPU; bfloat16 on CPUs with AVX-512 BF16 or AMX, else full)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="60"/>
        <source>Full (float32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="61"/>
        <source>Half (float16, GPU only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="62"/>
        <source>Brain float (bfloat16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="65"/>
        <source>All cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="67"/>
        <source>CPU threads the engine uses; fewer keep the computer responsive while generating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="76"/>
        <source>Names of generated files: {date}, {time}, {seed}, {steps} and {prompt} are filled in; a number is appended, so no file is ever replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="78"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="115"/>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="126"/>
        <source>Models folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="126"/>
        <source>Models Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="110"/>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="33"/>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="34"/>
        <source>Remote server (flashface serve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="37"/>
        <source>Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="85"/>
        <source>Generations run on a computer that runs “flashface serve”; previews, the queue and the gallery work as with this computer. The models folder is still used here to find faces in the reference photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="90"/>
        <source>none (a server on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="91"/>
        <source>The token is stored unencrypted in the settings file (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="100"/>
        <source>Server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="101"/>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="111"/>
        <source>Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="112"/>
        <source>Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="123"/>
        <source>Generate on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="132"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="134"/>
        <source>Output folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="134"/>
        <source>Output Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="139"/>
        <source>File names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="141"/>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="143"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="152"/>
        <source>Enter the server&apos;s address, or choose “This computer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="158"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="158"/>
        <source>The new language is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="184"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="193"/>
        <source>Connected: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="208"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="223"/>
        <source>%1 Choose another output folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="238"/>
        <source>a handsome young man on the street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="240"/>
        <source>e.g. %1-00001.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="70"/>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="71"/>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="73"/>
        <source>Memory for the reference photos&apos; features, kept between runs: the next run with the same photos and negative prompt skips their pass. A 35-step run with 4 references needs about 1.4 GiB on the CPU and 0.7 GiB on the GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="113"/>
        <source>Reference cache:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::PreviewGrid</name>
    <message>
        <location filename="../ui/previewgrid.cpp" line="13"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::PromptEditor</name>
    <message>
        <location filename="../ui/prompteditor.cpp" line="39"/>
        <source>&amp;Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="39"/>
        <source>&amp;Negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="41"/>
        <source>Describe the picture: name age and gender, e.g. “a handsome young man, with long brown hair, on the street at night, soft light”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="44"/>
        <source>What you do not want to see, e.g. “glasses, beard, bangs”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="45"/>
        <source>Naming age and gender (“a handsome young man”, “a beautiful young woman”) helps the likeness.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="47"/>
        <source>Use the negative prompt to remove unwanted features such as a beard, glasses or bangs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="52"/>
        <source>Append quality postfix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="52"/>
        <source>Append default negative postfix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="54"/>
        <source>The official tool appends this text to every prompt. Edit it or switch it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="59"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="60"/>
        <source>Restore the official postfix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="64"/>
        <source>CLIP reads at most %1 tokens of the prompt and postfix together; anything after that is cut (shown struck out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="116"/>
        <source>Token count unavailable until the tokenizer is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="129"/>
        <source>– / %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="137"/>
        <source>%1 / %2 tokens — %3 cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/prompteditor.cpp" line="138"/>
        <source>%1 / %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::ReferenceCard</name>
    <message>
        <location filename="../ui/referencecard.cpp" line="27"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="36"/>
        <source>The face the model will see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="42"/>
        <source>Include this reference in the next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="43"/>
        <source>Draw face box…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="44"/>
        <source>Mark the face by hand, for photos where none is detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="45"/>
        <source>Clear box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="46"/>
        <source>Go back to the detected face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="49"/>
        <source>Remove this reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="50"/>
        <source>Remove reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="56"/>
        <source>How much this photo counts: 2 counts as the photo given twice, 0.5 as half</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="57"/>
        <location filename="../ui/referencecard.cpp" line="58"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="60"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="61"/>
        <source>Which person this photo shows. Mark photos of a second person B to mix the two faces with the slider under the references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="67"/>
        <source>Person A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="67"/>
        <source>Person B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="132"/>
        <source>Looking for faces…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="136"/>
        <location filename="../ui/referencecard.cpp" line="140"/>
        <source>Manual face box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="136"/>
        <source>No face found. Draw a face box to use this photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="142"/>
        <source>%1 faces found: using face %2. Click another face to choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencecard.cpp" line="145"/>
        <source>Face found (confidence %1%).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::ReferencePanel</name>
    <message>
        <location filename="../ui/referencepanel.cpp" line="77"/>
        <source>Add Photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="78"/>
        <source>Photos of the person. More varied photos give better likeness.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="79"/>
        <source>Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="80"/>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="81"/>
        <source>Paste an image or image files from the clipboard (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="87"/>
        <source>Drop photos of the person here, or paste them.

One face per photo works best; varied photos (angles, light, expressions) give better likeness.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="106"/>
        <source>Mix the two people: left for more of person A, right for more of person B. It sets the weights of their photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="108"/>
        <source>Mix A ↔ B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="111"/>
        <source>Mix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="127"/>
        <source>Images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="128"/>
        <source>Add Reference Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="133"/>
        <source>Add Reference Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="145"/>
        <source>%1 of %2 references in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="162"/>
        <source>No images in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="212"/>
        <source>Pasted image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="215"/>
        <source>The clipboard holds no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="295"/>
        <source>Faces not checked: %1 The engine will look for the face when generating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="376"/>
        <source>%1% A · %2% B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="409"/>
        <source>%1: still looking for faces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="411"/>
        <source>%1: no face found; draw a face box or disable it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="412"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/referencepanel.cpp" line="427"/>
        <source>Dropped image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::ReferencePhotoView</name>
    <message>
        <location filename="../ui/referencephotoview.cpp" line="72"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::RemoteGenerationWorker</name>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="210"/>
        <source>it sent more than %1 in one answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="221"/>
        <source>Cannot reach the server at %1: %2. Check the address in Preferences → Engine, and that “flashface serve” runs there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="230"/>
        <source>The server at %1 refused the token: %2 Check the token in Preferences → Engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="232"/>
        <source>The server at %1 answered with a redirect (HTTP %2); enter the address it redirects to in Preferences → Engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="236"/>
        <source>The server at %1 answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="243"/>
        <source>“%1” is not a server address: enter one like http://gpu-box:8780 in Preferences → Engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="254"/>
        <source>%1 answers, but not as “flashface serve” does (no device in its /v1/health).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="257"/>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="310"/>
        <source>the stream ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="347"/>
        <source>The server at %1 accepted the run but named no job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="374"/>
        <source>The connection to the server at %1 was lost during the run (%2). Nothing of the run was saved; choose Retry to queue it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="398"/>
        <source>The images could not be downloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/remotegenerationworker.cpp" line="408"/>
        <source>The server at %1 sent a result this studio cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::SettingsPanel</name>
    <message>
        <location filename="../ui/settingspanel.cpp" line="66"/>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="97"/>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="100"/>
        <source>How the image is denoised step by step. DDIM is the official choice. Euler gives the same images as DDIM; Euler ancestral adds fresh noise at every step (from the seed, so runs repeat); DPM++ 2M and DPM++ 2M Karras often need fewer steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="120"/>
        <source>The same seed with the same settings gives the same images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="121"/>
        <source>Draw a new seed for every run. The seed used is shown here and kept with each image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="125"/>
        <source>Roll a new seed and keep it fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="126"/>
        <source>Roll seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="103"/>
        <source>Images per run. They share the references and the prompt; each gets its own noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="140"/>
        <source>Output width in pixels (a multiple of 8). The model was trained at 768 × 768.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="141"/>
        <source>Output height in pixels (a multiple of 8). The model was trained at 768 × 768.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="142"/>
        <source>Common output sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="144"/>
        <source>%1 × %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="145"/>
        <location filename="../ui/settingspanel.cpp" line="256"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="105"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="107"/>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="108"/>
        <source>Sampler:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="109"/>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="110"/>
        <source>Images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="112"/>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="186"/>
        <source>Guidance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="188"/>
        <source>Text guidance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="189"/>
        <source>Reference strength λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="190"/>
        <source>Reference guidance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="191"/>
        <source>Launch step:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="197"/>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="200"/>
        <source>Rarely needed: the official tool keeps these fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="204"/>
        <source>λ before launch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="205"/>
        <source>Guidance rescale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="225"/>
        <source>Guidance presets. “Change age” lets the prompt change the person&apos;s age.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="227"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="228"/>
        <source>Save the current guidance values as a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="229"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="230"/>
        <source>Delete this user preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="232"/>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="243"/>
        <source>Delete preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="243"/>
        <source>Delete the preset “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="326"/>
        <location filename="../ui/settingspanel.cpp" line="334"/>
        <location filename="../ui/settingspanel.cpp" line="338"/>
        <source>Save preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="326"/>
        <source>Preset name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="334"/>
        <source>“%1” is a built-in preset; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="338"/>
        <source>Replace the preset “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="92"/>
        <source>Denoising steps. The official tool uses %1 (30 in its API); more steps are slower and rarely better beyond that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="166"/>
        <source>Text guidance: how strongly the prompt steers the image. Official default %1; “Change age” raises it so the prompt can override the references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="169"/>
        <source>Reference feature strength λ: how much of the reference faces is injected. Official default %1, useful range 0.7–1.4. Raise it for more likeness — usually raising only this is enough. Too high looks pasted; lower it for artifacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="173"/>
        <source>Reference guidance strength. Official default %1, range 1.8–4. Higher keeps more facial detail but gives less variety.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="176"/>
        <source>Reference guidance applies from this timestep on (t ≤ value, of 1000). Official default %1. Higher means earlier and more likeness; lower leaves the prompt more freedom, e.g. to change age.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="181"/>
        <source>λ used before reference guidance starts. Official default %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingspanel.cpp" line="182"/>
        <source>Guidance rescale: tames the over-saturated look of strong guidance. Official value %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::TargetPanel</name>
    <message>
        <location filename="../ui/targetpanel.cpp" line="61"/>
        <source>The mask is %1×%2 pixels but the photo is %3×%4: draw the mask at the photo&apos;s size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="74"/>
        <source>Images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="83"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="86"/>
        <source>Paint a Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="87"/>
        <source>Whole Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="89"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="90"/>
        <source>The photo to change: its face (or the part you choose) is repainted, the rest is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="91"/>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="92"/>
        <source>Use the image on the clipboard as the photo to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="93"/>
        <source>No photo to change: generate new pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="100"/>
        <source>Paint the part of the photo to repaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="101"/>
        <source>Rework the whole picture (img2img)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="107"/>
        <source>Use my face box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="108"/>
        <source>Place the face where the Face Position box says instead of where the repainted region is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="123"/>
        <source>Open Photo to Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="141"/>
        <source>Repaint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="146"/>
        <source>Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="146"/>
        <source>The detected face, with its hair line, ears and chin (face swap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="147"/>
        <source>Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="147"/>
        <source>The part you paint with the brush, or a mask image (white = repaint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="148"/>
        <source>Whole picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="148"/>
        <source>Everything, keeping the photo&apos;s composition and colours (img2img)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="165"/>
        <source>Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="166"/>
        <source>Paint the part to repaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="168"/>
        <source>Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="169"/>
        <source>Take parts out of the painted region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="177"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="178"/>
        <source>Brush radius in pixels of the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="179"/>
        <source>Brush size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="180"/>
        <source>Load Mask…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="181"/>
        <source>A black-and-white image of the photo&apos;s size: white is repainted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="182"/>
        <source>Clear Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="197"/>
        <source>Load Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="208"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="209"/>
        <source>How much of the region changes: 1 repaints it from scratch, lower values keep more of the photo. Each region has its own default (face and mask 1, whole picture 0.75).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="215"/>
        <source>Strength:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="255"/>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="297"/>
        <source>The clipboard holds no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="300"/>
        <source>Pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="354"/>
        <source>Open the photo to change first, then its mask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="366"/>
        <source>Cannot use the mask %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="389"/>
        <source>Faces not checked: %1 The engine will look for the face when generating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="393"/>
        <source>No face was found in this photo. Paint the area to repaint as a mask, or repaint the whole picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="396"/>
        <source>The face outlined is repainted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="397"/>
        <source>%1 faces found: click one to choose which is repainted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="434"/>
        <source>Looking for faces…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="436"/>
        <source>Paint the part to repaint; the rest of the photo stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="437"/>
        <source>The whole picture is reworked; a lower strength keeps more of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/targetpanel.cpp" line="453"/>
        <source>Dropped image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::TargetPhotoView</name>
    <message>
        <location filename="../ui/targetphotoview.cpp" line="162"/>
        <source>Drop the photo to change here, or open or paste it.

Its face (or the part you paint) is repainted with the person of the references; the rest stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flashface::ui::ZoomableImageView</name>
    <message>
        <location filename="../ui/imageviewer.cpp" line="31"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
