<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>HostWindow</name>
    <message>
        <location filename="../ui/hostwindow.cpp" line="34"/>
        <source>%1  %2: %3</source>
        <translation>%1  %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="36"/>
        <source>%1  → %2 joined</source>
        <translation>%1  → %2 ist beigetreten</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="38"/>
        <source>%1  ← %2 left</source>
        <translation>%1  ← %2 ist gegangen</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="41"/>
        <source>%1  ← %2 was kicked</source>
        <translation>%1  ← %2 wurde hinausgeworfen</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="42"/>
        <source>%1  ← %2 was kicked: %3</source>
        <translation>%1  ← %2 wurde hinausgeworfen: %3</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="45"/>
        <source>%1  📢 %2: %3</source>
        <translation>%1  📢 %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="54"/>
        <source>LanChat — hosting</source>
        <translation>LanChat — Gastgeber</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="61"/>
        <source>Others join with</source>
        <translation>Andere treten bei mit</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="66"/>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="72"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="79"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="80"/>
        <source>&amp;Copy invite</source>
        <translation>Einladung &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="84"/>
        <location filename="../ui/hostwindow.cpp" line="174"/>
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="85"/>
        <location filename="../ui/hostwindow.cpp" line="196"/>
        <source>No one connected</source>
        <translation>Niemand verbunden</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="99"/>
        <source>Messages, joins and leaves appear here.</source>
        <translation>Nachrichten, Beitritte und Abgänge erscheinen hier.</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="105"/>
        <source>Announcement to everyone</source>
        <translation>Durchsage an alle</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="107"/>
        <source>&amp;Announce</source>
        <translation>&amp;Durchsagen</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="121"/>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="122"/>
        <source>LanChat could not start hosting</source>
        <translation>LanChat konnte den Chat nicht starten</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="152"/>
        <source>Join my LanChat:</source>
        <translation>Tritt meinem LanChat bei:</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="158"/>
        <source>Or in a web browser:</source>
        <translation>Oder im Webbrowser:</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="164"/>
        <source>History is kept in %1</source>
        <translation>Der Verlauf wird in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="171"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="177"/>
        <source>Hosting</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="180"/>
        <source>Stopping…</source>
        <translation>Wird angehalten …</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/hostwindow.cpp" line="197"/>
        <source>%n connected</source>
        <translation>
            <numerusform>%n verbunden</numerusform>
            <numerusform>%n verbunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/hostwindow.cpp" line="212"/>
        <source>Invite copied to the clipboard.</source>
        <translation>Einladung in die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="38"/>
        <source>LanChat: chat on the local network.</source>
        <translation>LanChat: Chat im lokalen Netz.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="42"/>
        <source>Run the server without a window.</source>
        <translation>Den Server ohne Fenster ausführen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="45"/>
        <source>Listen on &lt;port&gt; (0 picks a free one; default 8787).</source>
        <translation>Auf &lt;port&gt; lauschen (0 wählt einen freien; Standard 8787).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="49"/>
        <source>Listen on &lt;address&gt; only (default: all addresses).</source>
        <translation>Nur auf &lt;address&gt; lauschen (Standard: alle Adressen).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="53"/>
        <source>The token clients must present (default: from the settings, or a new random one).</source>
        <translation>Das Token, das Clients vorweisen müssen (Standard: aus den Einstellungen oder ein neues zufälliges).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="59"/>
        <source>Keep the history database in &lt;directory&gt;.</source>
        <translation>Die Verlaufsdatenbank in &lt;directory&gt; ablegen.</translation>
    </message>
</context>
</TS>
