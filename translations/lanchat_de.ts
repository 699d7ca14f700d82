<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AutostartEntry</name>
    <message>
        <location filename="../desktop/autostartentry.cpp" line="75"/>
        <source>Cannot remove %1.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location filename="../desktop/autostartentry.cpp" line="79"/>
        <source>Cannot create the directory of %1.</source>
        <translation>Das Verzeichnis von %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../desktop/autostartentry.cpp" line="82"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>AvahiBrowser</name>
    <message>
        <location filename="../discovery/avahibrowser.cpp" line="102"/>
        <source>there is no D-Bus system bus (%1)</source>
        <translation>es gibt keinen D-Bus-Systembus (%1)</translation>
    </message>
    <message>
        <location filename="../discovery/avahibrowser.cpp" line="131"/>
        <source>avahi-daemon is not running</source>
        <translation>avahi-daemon läuft nicht</translation>
    </message>
    <message>
        <location filename="../discovery/avahibrowser.cpp" line="341"/>
        <source>avahi-daemon stopped</source>
        <translation>avahi-daemon wurde beendet</translation>
    </message>
</context>
<context>
    <name>AvahiPublisher</name>
    <message>
        <location filename="../discovery/avahipublisher.cpp" line="83"/>
        <source>there is no D-Bus system bus (%1)</source>
        <translation>es gibt keinen D-Bus-Systembus (%1)</translation>
    </message>
    <message>
        <location filename="../discovery/avahipublisher.cpp" line="91"/>
        <source>avahi-daemon is not running</source>
        <translation>avahi-daemon läuft nicht</translation>
    </message>
    <message>
        <location filename="../discovery/avahipublisher.cpp" line="240"/>
        <source>avahi-daemon stopped</source>
        <translation>avahi-daemon wurde beendet</translation>
    </message>
</context>
<context>
    <name>BanDialog</name>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="19"/>
        <source>Ban %1</source>
        <translation>%1 sperren</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="20"/>
        <source>Ban</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="23"/>
        <source>By &amp;username:</source>
        <translation>Nach &amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="31"/>
        <source>By &amp;address:</source>
        <translation>Nach &amp;Adresse:</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="45"/>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="46"/>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="47"/>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="48"/>
        <source>permanently</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="52"/>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="56"/>
        <source>Optional; the client sees it</source>
        <translation>Optional; der Client sieht ihn</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="58"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <location filename="../ui/host/bandialog.cpp" line="61"/>
        <source>&amp;Ban</source>
        <translation>&amp;Sperren</translation>
    </message>
</context>
<context>
    <name>BanTableModel</name>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="9"/>
        <location filename="../ui/host/bantablemodel.cpp" line="13"/>
        <source>(any)</source>
        <translation>(beliebig)</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="17"/>
        <source>permanent</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="7"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="11"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="15"/>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="19"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="21"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/host/bantablemodel.cpp" line="23"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
</context>
<context>
    <name>BansPanel</name>
    <message>
        <location filename="../ui/host/banspanel.cpp" line="22"/>
        <source>Ban a name or address…</source>
        <translation>Namen oder Adresse sperren…</translation>
    </message>
    <message>
        <location filename="../ui/host/banspanel.cpp" line="32"/>
        <source>&amp;Unban</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <location filename="../ui/host/banspanel.cpp" line="41"/>
        <source>U&amp;nban</source>
        <translation>E&amp;ntsperren</translation>
    </message>
    <message>
        <location filename="../ui/host/banspanel.cpp" line="52"/>
        <source>C&amp;olumns</source>
        <translation>S&amp;palten</translation>
    </message>
</context>
<context>
    <name>BroadcastPanel</name>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="16"/>
        <source>Broadcast</source>
        <translation>An alle</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="38"/>
        <source>Announcement to everyone</source>
        <translation>Durchsage an alle</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="39"/>
        <source>&amp;Announce</source>
        <translation>&amp;Durchsagen</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="43"/>
        <source>Announcement:</source>
        <translation>Durchsage:</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="48"/>
        <source>Your name</source>
        <translation>Dein Name</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="59"/>
        <source>Chat as the operator</source>
        <translation>Als Betreiber chatten</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="60"/>
        <source>S&amp;end</source>
        <translation>S&amp;enden</translation>
    </message>
    <message>
        <location filename="../ui/host/broadcastpanel.cpp" line="64"/>
        <source>Chat:</source>
        <translation>Chat:</translation>
    </message>
</context>
<context>
    <name>ChatClient</name>
    <message numerus="yes">
        <location filename="../client/chatclient.cpp" line="48"/>
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>Der Server hat nicht innerhalb von %n Sekunde geantwortet.</numerusform>
            <numerusform>Der Server hat nicht innerhalb von %n Sekunden geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../client/chatclient.cpp" line="255"/>
        <source>The server address or the username is missing.</source>
        <translation>Die Serveradresse oder der Benutzername fehlt.</translation>
    </message>
    <message>
        <location filename="../client/timelinesync.cpp" line="190"/>
        <source>The answer is not a history page.</source>
        <translation>Die Antwort ist keine Verlaufsseite.</translation>
    </message>
    <message>
        <location filename="../client/chatclient.cpp" line="53"/>
        <source>The server stopped answering.</source>
        <translation>Der Server antwortet nicht mehr.</translation>
    </message>
</context>
<context>
    <name>ChatContextMenu</name>
    <message>
        <location filename="../ui/chatview/chatcontextmenu.cpp" line="21"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatcontextmenu.cpp" line="24"/>
        <source>Copy &amp;message text</source>
        <translation>&amp;Nachrichtentext kopieren</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatcontextmenu.cpp" line="32"/>
        <source>&amp;Open link</source>
        <translation>Link ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatcontextmenu.cpp" line="33"/>
        <source>Copy &amp;link address</source>
        <translation>&amp;Linkadresse kopieren</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatcontextmenu.cpp" line="42"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatcontextmenu.cpp" line="46"/>
        <source>&amp;Quote</source>
        <translation>&amp;Zitieren</translation>
    </message>
</context>
<context>
    <name>ChatInput</name>
    <message>
        <location filename="../ui/chatinput.cpp" line="10"/>
        <source>Write a message (Enter sends, Shift+Enter adds a line)</source>
        <translation>Nachricht schreiben (Eingabe sendet, Umschalt+Eingabe fügt eine Zeile ein)</translation>
    </message>
    <message>
        <location filename="../ui/chatinput.cpp" line="37"/>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <location filename="../ui/chatinput.cpp" line="38"/>
        <source>Start a new line</source>
        <translation>Neue Zeile beginnen</translation>
    </message>
</context>
<context>
    <name>ChatLine</name>
    <message>
        <location filename="../ui/chatview/chatline.cpp" line="87"/>
        <source>%1 was removed by the operator</source>
        <translation>%1 wurde vom Betreiber entfernt</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatline.cpp" line="88"/>
        <source>%1 was removed by the operator: %2</source>
        <translation>%1 wurde vom Betreiber entfernt: %2</translation>
    </message>
</context>
<context>
    <name>ChatLineLayouter</name>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="80"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="82"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="154"/>
        <source>Show less</source>
        <translation>Weniger anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="154"/>
        <source>Show more</source>
        <translation>Mehr anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="208"/>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="211"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="211"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../ui/chatview/chatlinelayouter.cpp" line="267"/>
        <source>📢 Announcement from %1</source>
        <translation>📢 Durchsage von %1</translation>
    </message>
</context>
<context>
    <name>ChatLinePainter</name>
    <message>
        <location filename="../ui/chatview/chatlinepainter.cpp" line="221"/>
        <source>New messages</source>
        <translation>Neue Nachrichten</translation>
    </message>
</context>
<context>
    <name>ChatPreferencesMenu</name>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="11"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="16"/>
        <source>&amp;Notify about new messages</source>
        <translation>&amp;Benachrichtigen bei neuen Nachrichten</translation>
    </message>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="19"/>
        <source>Play a &amp;sound with notifications</source>
        <translation>&amp;Ton zu Benachrichtigungen abspielen</translation>
    </message>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="34"/>
        <source>&amp;Larger text</source>
        <translation>Text &amp;größer</translation>
    </message>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="37"/>
        <source>S&amp;maller text</source>
        <translation>Text &amp;kleiner</translation>
    </message>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="39"/>
        <source>&amp;Default text size</source>
        <translation>&amp;Standard-Textgröße</translation>
    </message>
    <message>
        <location filename="../ui/chatpreferencesmenu.cpp" line="71"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../ui/chatview/chatview.cpp" line="43"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
</context>
<context>
    <name>ChatViewBase</name>
    <message>
        <location filename="../ui/chatview/chatviewbase.cpp" line="416"/>
        <source>No messages yet</source>
        <translation>Noch keine Nachrichten</translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <location filename="../ui/chatwindow.cpp" line="299"/>
        <source>&amp;Reconnect now</source>
        <translation>Jetzt neu &amp;verbinden</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="298"/>
        <source>&amp;Change connection…</source>
        <translation>Verbindung &amp;ändern…</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="95"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="99"/>
        <source>Insert an emoji (Ctrl+.)</source>
        <translation>Emoji einfügen (Strg+.)</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="100"/>
        <source>Insert an emoji</source>
        <translation>Emoji einfügen</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="127"/>
        <location filename="../ui/chatwindow.cpp" line="380"/>
        <source>LanChat</source>
        <translation>LanChat</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="132"/>
        <source>&amp;Show LanChat</source>
        <translation>LanChat &amp;anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="297"/>
        <source>&amp;Connection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="133"/>
        <location filename="../ui/chatwindow.cpp" line="302"/>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="158"/>
        <source>The operator deleted #%1.</source>
        <translation>Der Betreiber hat #%1 gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="160"/>
        <source>The operator removed you from #%1.</source>
        <translation>Der Betreiber hat dich aus #%1 entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="161"/>
        <source>The operator removed you from #%1: %2</source>
        <translation>Der Betreiber hat dich aus #%1 entfernt: %2</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="305"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="307"/>
        <source>Jump to &amp;latest message</source>
        <translation>Zur &amp;neuesten Nachricht</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="308"/>
        <source>Insert &amp;emoji…</source>
        <translation>&amp;Emoji einfügen…</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="314"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="315"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="321"/>
        <source>&amp;About LanChat</source>
        <translation>Ü&amp;ber LanChat</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="322"/>
        <source>About LanChat</source>
        <translation>Über LanChat</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="323"/>
        <source>LanChat %1
Chat on your local network, with or without a browser.</source>
        <translation>LanChat %1
Chat im lokalen Netz, mit oder ohne Browser.</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="360"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="371"/>
        <source>Hosting as %1</source>
        <translation>%1 (Gastgeber)</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="372"/>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatwindow.cpp" line="379"/>
        <source>LanChat: %n unread</source>
        <translation>
            <numerusform>LanChat: %n ungelesen</numerusform>
            <numerusform>LanChat: %n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="390"/>
        <source>%1 (direct message)</source>
        <translation>%1 (Direktnachricht)</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="392"/>
        <source>%1 in #%2</source>
        <translation>%1 in #%2</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="443"/>
        <source>LanChat is still hosting</source>
        <translation>LanChat läuft als Gastgeber weiter</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="444"/>
        <source>The chat goes on; open it again from the tray.</source>
        <translation>Der Chat läuft weiter; öffnen über das Symbol im Infobereich.</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="377"/>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message>
        <location filename="../ui/chatwindow.cpp" line="388"/>
        <source>%1 mentioned you</source>
        <translation>%1 hat dich erwähnt</translation>
    </message>
</context>
<context>
    <name>ClientErrorText</name>
    <message>
        <location filename="../client/clienterrortext.cpp" line="21"/>
        <source>%1 The server says: “%2”</source>
        <translation>%1 Der Server schreibt: „%2“</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="35"/>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="53"/>
        <source>Nothing answers at %1: LanChat is not running there, or not on this port. Check the address and the port, or ask the host to start LanChat.</source>
        <translation>Unter %1 antwortet nichts: Dort läuft LanChat nicht, oder nicht auf diesem Port. Prüfe Adresse und Port, oder bitte den Host, LanChat zu starten.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="57"/>
        <source>The host “%1” could not be found. Check the name, or use the host&apos;s IP address.</source>
        <translation>Der Host „%1“ wurde nicht gefunden. Prüfe den Namen, oder nimm die IP-Adresse des Hosts.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="61"/>
        <source>%1 cannot be reached from this computer: check that both are on the same network.</source>
        <translation>%1 ist von diesem Computer aus nicht erreichbar: Prüfe, ob beide im selben Netzwerk sind.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="65"/>
        <source>The connection to %1 was lost.</source>
        <translation>Die Verbindung zu %1 ist abgebrochen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="66"/>
        <source>The connection to %1 failed: %2</source>
        <translation>Die Verbindung zu %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="70"/>
        <source>An encrypted connection to %1 could not be set up. If the host does not use TLS, join without “Encrypted (TLS)”. (%2)</source>
        <translation>Eine verschlüsselte Verbindung zu %1 kam nicht zustande. Wenn der Host kein TLS verwendet, tritt ohne „Verschlüsselt (TLS)“ bei. (%2)</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="74"/>
        <source>The host stopped the chat.</source>
        <translation>Der Host hat den Chat beendet.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="76"/>
        <source>The history could not be loaded: %1</source>
        <translation>Der Verlauf konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="78"/>
        <source>The operator removed you from the chat.</source>
        <translation>Der Betreiber hat dich aus dem Chat entfernt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="79"/>
        <source>The operator removed you from the chat: %1</source>
        <translation>Der Betreiber hat dich aus dem Chat entfernt: %1</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="81"/>
        <source>The server refused the token. Check the token in the invite and try again.</source>
        <translation>Der Server hat das Token abgelehnt. Prüfe das Token in der Einladung und versuche es erneut.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="83"/>
        <source>The server refused the username. Choose another one.</source>
        <translation>Der Server hat den Benutzernamen abgelehnt. Wähle einen anderen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="84"/>
        <source>The server refused the username: %1</source>
        <translation>Der Server hat den Benutzernamen abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="89"/>
        <source>The username &quot;%1&quot; is already taken by someone online. Choose another one.</source>
        <translation>Der Benutzername „%1“ ist bereits von jemandem vergeben, der online ist. Wähle einen anderen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="92"/>
        <source>The name &quot;%1&quot; is registered to someone else&apos;s device. Choose another name; if it is yours, ask the host to release it.</source>
        <translation>Der Name „%1“ ist für das Gerät einer anderen Person registriert. Wähle einen anderen Namen; ist es deiner, bitte den Host, ihn freizugeben.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="96"/>
        <source>The server accepts only encrypted connections. Join again with &quot;Encrypted (TLS)&quot; ticked, and ask the host for a new token: this one was just sent unencrypted.</source>
        <translation>Der Server nimmt nur verschlüsselte Verbindungen an. Treten Sie erneut mit angehaktem „Verschlüsselt (TLS)“ bei und bitten Sie den Host um ein neues Token: Dieses wurde gerade unverschlüsselt gesendet.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="100"/>
        <source>The server&apos;s certificate is not trusted yet. Its SHA-256 fingerprint is %1. Trust it only if the host shows the same fingerprint.</source>
        <translation>Dem Zertifikat des Servers wird noch nicht vertraut. Sein SHA-256-Fingerabdruck ist %1. Vertrauen Sie ihm nur, wenn der Host denselben Fingerabdruck anzeigt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="104"/>
        <source>Warning: the server&apos;s certificate has changed. Expected SHA-256 %1, but the server presented %2. Someone may be intercepting the connection: do not connect unless the host confirms that the certificate was replaced.</source>
        <translation>Warnung: Das Zertifikat des Servers hat sich geändert. Erwartet wurde SHA-256 %1, der Server zeigte aber %2. Möglicherweise fängt jemand die Verbindung ab: Verbinden Sie sich nur, wenn der Host bestätigt, dass das Zertifikat ersetzt wurde.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="124"/>
        <source>The server refused the token.</source>
        <translation>Der Server hat das Token abgelehnt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="126"/>
        <source>This page&apos;s origin may not connect to this chat.</source>
        <translation>Seiten dieser Herkunft dürfen sich nicht mit diesem Chat verbinden.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="128"/>
        <source>This server does not answer to that host name.</source>
        <translation>Dieser Server antwortet nicht auf diesen Hostnamen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="130"/>
        <source>Too many wrong tokens came from your address; try again later.</source>
        <translation>Von deiner Adresse kamen zu viele falsche Tokens; versuche es später noch einmal.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="133"/>
        <source>The server refused the username.</source>
        <translation>Der Server hat den Benutzernamen abgelehnt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="135"/>
        <source>The username is already taken by someone online.</source>
        <translation>Der Benutzername ist schon von jemandem belegt, der online ist.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="137"/>
        <source>The name is registered to someone else&apos;s device.</source>
        <translation>Der Name ist für das Gerät einer anderen Person registriert.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="139"/>
        <source>This device&apos;s identity is damaged; remove it from the settings.</source>
        <translation>Die Identität dieses Geräts ist beschädigt; entferne sie aus den Einstellungen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="141"/>
        <source>You are banned from this chat.</source>
        <translation>Du bist aus diesem Chat verbannt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="143"/>
        <source>The chat server is full; try again later.</source>
        <translation>Der Chat-Server ist voll; versuche es später noch einmal.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="145"/>
        <source>Your address already has as many connections to this chat as it may.</source>
        <translation>Deine Adresse hat schon so viele Verbindungen zu diesem Chat, wie erlaubt sind.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="148"/>
        <source>The server could not take this connection.</source>
        <translation>Der Server konnte diese Verbindung nicht annehmen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="222"/>
        <source>You are banned from this chat permanently.</source>
        <translation>Du bist dauerhaft aus diesem Chat verbannt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="223"/>
        <source>You are banned from this chat until %1.</source>
        <translation>Du bist bis %1 aus diesem Chat verbannt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="232"/>
        <source>The operator muted you until %1: you can read, but not send.</source>
        <translation>Der Betreiber hat dich bis %1 stummgeschaltet: Du kannst lesen, aber nichts senden.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="24"/>
        <source>The server could not read what this client sent.</source>
        <translation>Der Server konnte nicht lesen, was dieses Programm gesendet hat.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="156"/>
        <source>The message named another sender.</source>
        <translation>Die Nachricht nannte einen anderen Absender.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="158"/>
        <source>The message contains characters the server does not accept.</source>
        <translation>Die Nachricht enthält Zeichen, die der Server nicht annimmt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="160"/>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="162"/>
        <source>The message is too long for this server.</source>
        <translation>Die Nachricht ist für diesen Server zu lang.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="172"/>
        <source>That is not a room&apos;s name: use lower-case letters, digits, - and _.</source>
        <translation>Das ist kein Raumname: erlaubt sind Kleinbuchstaben, Ziffern, - und _.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="174"/>
        <source>There is no such room.</source>
        <translation>Diesen Raum gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="175"/>
        <source>You are not in that room.</source>
        <translation>Du bist nicht in diesem Raum.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="177"/>
        <source>Nobody has registered that name, so it cannot get direct messages.</source>
        <translation>Niemand hat diesen Namen registriert, daher kann er keine Direktnachrichten empfangen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="179"/>
        <source>The topic is too long.</source>
        <translation>Das Thema ist zu lang.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="181"/>
        <source>The operator locked this room&apos;s topic.</source>
        <translation>Der Betreiber hat das Thema dieses Raums gesperrt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="183"/>
        <source>You are in as many rooms as the server allows; leave one first.</source>
        <translation>Du bist in so vielen Räumen, wie der Server erlaubt; verlasse zuerst einen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="186"/>
        <source>The server has as many rooms as it allows; join an existing one.</source>
        <translation>Der Server hat so viele Räume, wie er erlaubt; tritt einem bestehenden bei.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="189"/>
        <source>Direct messages need a registered name.</source>
        <translation>Direktnachrichten brauchen einen registrierten Namen.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="198"/>
        <source>The server did not allow this request.</source>
        <translation>Der Server hat diese Anfrage nicht erlaubt.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="28"/>
        <source>The operator muted you: you can read, but not send.</source>
        <translation>Der Betreiber hat dich stummgeschaltet: Du kannst lesen, aber nichts senden.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="165"/>
        <source>You are sending faster than the server allows; the message goes again shortly.</source>
        <translation>Du sendest schneller, als der Server erlaubt; die Nachricht geht gleich noch einmal raus.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="168"/>
        <source>The server could not store the message; it goes again shortly.</source>
        <translation>Der Server konnte die Nachricht nicht speichern; sie geht gleich noch einmal raus.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="193"/>
        <source>The server did not understand the history request.</source>
        <translation>Der Server hat die Verlaufsanfrage nicht verstanden.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="26"/>
        <source>The server does not offer what this client asked for.</source>
        <translation>Der Server bietet nicht an, was dieses Programm angefragt hat.</translation>
    </message>
    <message>
        <location filename="../client/clienterrortext.cpp" line="215"/>
        <source>The server refused this (%1).</source>
        <translation>Der Server hat das abgelehnt (%1).</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="64"/>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="40"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="45"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="54"/>
        <source>Connected since</source>
        <translation>Verbunden seit</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="48"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="55"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="58"/>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location filename="../ui/host/clienttablemodel.cpp" line="62"/>
        <source>Muted</source>
        <translation>Stummgeschaltet</translation>
    </message>
</context>
<context>
    <name>ClientsPanel</name>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="39"/>
        <source>Filter by name</source>
        <translation>Nach Namen filtern</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="62"/>
        <source>C&amp;olumns</source>
        <translation>S&amp;palten</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="107"/>
        <source>&amp;Kick…</source>
        <translation>&amp;Hinauswerfen…</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="110"/>
        <source>&amp;Ban…</source>
        <translation>&amp;Sperren…</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="113"/>
        <source>&amp;Mute</source>
        <translation>&amp;Stummschalten</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="114"/>
        <source>for 5 minutes</source>
        <translation>für 5 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="115"/>
        <source>for 15 minutes</source>
        <translation>für 15 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="116"/>
        <source>for 1 hour</source>
        <translation>für 1 Stunde</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="117"/>
        <source>for 1 day</source>
        <translation>für 1 Tag</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="124"/>
        <source>&amp;Mute 15 min</source>
        <translation>15 Min. stu&amp;mmschalten</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="129"/>
        <source>&amp;Unmute</source>
        <translation>Stummschaltung a&amp;ufheben</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="172"/>
        <source>Kick %1</source>
        <translation>%1 hinauswerfen</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="173"/>
        <source>Reason (optional; everyone sees it):</source>
        <translation>Grund (optional; alle sehen ihn):</translation>
    </message>
    <message>
        <location filename="../ui/host/clientspanel.cpp" line="174"/>
        <source>&amp;Kick</source>
        <translation>&amp;Hinauswerfen</translation>
    </message>
</context>
<context>
    <name>ColorScheme</name>
    <message>
        <location filename="../ui/colorscheme.cpp" line="85"/>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../ui/colorscheme.cpp" line="87"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../ui/colorscheme.cpp" line="89"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../ui/connectionbar.cpp" line="21"/>
        <source>&amp;Reconnect now</source>
        <translation>Jetzt neu &amp;verbinden</translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="22"/>
        <source>&amp;Change connection…</source>
        <translation>Verbindung &amp;ändern…</translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="48"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="49"/>
        <source>Reconnecting to %1…</source>
        <translation>Verbinde erneut mit %1…</translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="51"/>
        <source>Connected to %1 as %2</source>
        <translation>Mit %1 verbunden als %2</translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="52"/>
        <source>Connected to %1, loading messages…</source>
        <translation>Mit %1 verbunden, Nachrichten werden geladen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/connectionbar.cpp" line="55"/>
        <source>%1 Reconnecting in %n s.</source>
        <translation>
            <numerusform>%1 Neuer Verbindungsversuch in %n s.</numerusform>
            <numerusform>%1 Neuer Verbindungsversuch in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="59"/>
        <source>Disconnected.</source>
        <translation>Getrennt.</translation>
    </message>
    <message>
        <location filename="../ui/connectionbar.cpp" line="60"/>
        <source>Disconnected. %1</source>
        <translation>Getrennt. %1</translation>
    </message>
</context>
<context>
    <name>ConversationActions</name>
    <message>
        <location filename="../ui/conversationactions.cpp" line="29"/>
        <source>Co&amp;nversation</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="31"/>
        <source>&amp;Join room…</source>
        <translation>Raum &amp;betreten …</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="34"/>
        <source>&amp;Direct message…</source>
        <translation>&amp;Direktnachricht …</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="36"/>
        <source>Set &amp;topic…</source>
        <translation>&amp;Thema festlegen …</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="37"/>
        <location filename="../ui/conversationactions.cpp" line="261"/>
        <source>&amp;Leave room</source>
        <translation>Raum &amp;verlassen</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="40"/>
        <source>&amp;Next conversation</source>
        <translation>&amp;Nächste Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="43"/>
        <source>&amp;Previous conversation</source>
        <translation>V&amp;orherige Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="81"/>
        <source>Show conversation 1 to 9</source>
        <translation>Unterhaltung 1 bis 9 zeigen</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="81"/>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="101"/>
        <source>There is no command /%1. To send a message that starts with /, begin it with //.</source>
        <translation>Einen Befehl /%1 gibt es nicht. Eine Nachricht, die mit / beginnt, fängt mit // an.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="107"/>
        <source>Which room? For example: /join dev</source>
        <translation>Welcher Raum? Zum Beispiel: /join dev</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="108"/>
        <source>To whom? For example: /msg alice Hello</source>
        <translation>An wen? Zum Beispiel: /msg alice Hallo</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="120"/>
        <source>A room&apos;s name is 1 to %1 characters: lower-case letters a–z, digits, “-” and “_”.</source>
        <translation>Der Name eines Raums hat 1 bis %1 Zeichen: Kleinbuchstaben a–z, Ziffern, „-“ und „_“.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="130"/>
        <source>Not connected: rooms can be joined once the connection is back.</source>
        <translation>Nicht verbunden: Räume lassen sich betreten, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="140"/>
        <source>Everyone is in #general: it cannot be left.</source>
        <translation>In #general sind alle: Dieser Raum lässt sich nicht verlassen.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="141"/>
        <source>You are not in #%1.</source>
        <translation>Du bist nicht in #%1.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="145"/>
        <source>Not connected: rooms can be left once the connection is back.</source>
        <translation>Nicht verbunden: Räume lassen sich verlassen, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="155"/>
        <source>A direct conversation has no topic.</source>
        <translation>Eine Direktunterhaltung hat kein Thema.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="159"/>
        <source>The operator locked the topic of #%1.</source>
        <translation>Der Betreiber hat das Thema von #%1 gesperrt.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="163"/>
        <source>Not connected: the topic can be set once the connection is back.</source>
        <translation>Nicht verbunden: Das Thema lässt sich festlegen, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="192"/>
        <source>Join a room</source>
        <translation>Raum betreten</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="192"/>
        <source>Room (created if it does not exist yet):</source>
        <translation>Raum (wird angelegt, wenn es ihn noch nicht gibt):</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="208"/>
        <source>Direct message</source>
        <translation>Direktnachricht</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="208"/>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="225"/>
        <source>Topic of #%1</source>
        <translation>Thema von #%1</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="225"/>
        <source>Topic (empty clears it):</source>
        <translation>Thema (leer löscht es):</translation>
    </message>
    <message>
        <location filename="../ui/conversationactions.cpp" line="262"/>
        <source>&amp;Leave #%1</source>
        <translation>#%1 &amp;verlassen</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../ui/conversationpane.cpp" line="92"/>
        <source>Direct messages with %1</source>
        <translation>Direktnachrichten mit %1</translation>
    </message>
    <message>
        <location filename="../ui/conversationpane.cpp" line="95"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/conversationpane.cpp" line="97"/>
        <source>%1 (topic locked by the operator)</source>
        <translation>%1 (Thema vom Betreiber gesperrt)</translation>
    </message>
    <message>
        <location filename="../ui/conversationpane.cpp" line="145"/>
        <source>%1 is typing…</source>
        <translation>%1 schreibt …</translation>
    </message>
    <message>
        <location filename="../ui/conversationpane.cpp" line="147"/>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 schreiben …</translation>
    </message>
    <message>
        <location filename="../ui/conversationpane.cpp" line="149"/>
        <source>Several people are typing…</source>
        <translation>Mehrere schreiben …</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="19"/>
        <location filename="../ui/conversationsidebar.cpp" line="22"/>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="26"/>
        <source>Join room…</source>
        <translation>Raum betreten …</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="28"/>
        <source>Join a room, or create it (Ctrl+J)</source>
        <translation>Einen Raum betreten oder anlegen (Strg+J)</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="29"/>
        <source>Message…</source>
        <translation>Nachricht …</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="31"/>
        <source>Start a direct message (Ctrl+D)</source>
        <translation>Eine Direktnachricht beginnen (Strg+D)</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="128"/>
        <source>&amp;Leave #%1</source>
        <translation>#%1 &amp;verlassen</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="141"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="146"/>
        <source>Direct messages with %1</source>
        <translation>Direktnachrichten mit %1</translation>
    </message>
    <message>
        <location filename="../ui/conversationsidebar.cpp" line="146"/>
        <source>Room %1</source>
        <translation>Raum %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversationsidebar.cpp" line="150"/>
        <source>%1, %n unread, you are mentioned</source>
        <translation>
            <numerusform>%1, %n ungelesen, du wirst erwähnt</numerusform>
            <numerusform>%1, %n ungelesen, du wirst erwähnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/conversationsidebar.cpp" line="151"/>
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n ungelesen</numerusform>
            <numerusform>%1, %n ungelesen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message>
        <location filename="../desktop/desktopnotifier.cpp" line="99"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>DiscoverCommand</name>
    <message numerus="yes">
        <location filename="../app/discovercommand.cpp" line="107"/>
        <source>lanchat: scanning %n address(es) on port(s) %1</source>
        <translation>
            <numerusform>lanchat: durchsuche %n Adresse auf Port(s) %1</numerusform>
            <numerusform>lanchat: durchsuche %n Adressen auf Port(s) %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscoveredHostModel</name>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="138"/>
        <source>%1, announced by %2</source>
        <translation>%1, angekündigt von %2</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="139"/>
        <source>%1, found by the network scan</source>
        <translation>%1, gefunden beim Durchsuchen des Netzwerks</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="149"/>
        <source>not encrypted</source>
        <translation>unverschlüsselt</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="151"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="153"/>
        <source>TLS, trusted</source>
        <translation>TLS, vertraut</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="155"/>
        <source>TLS: not the pinned certificate!</source>
        <translation>TLS: nicht das gespeicherte Zertifikat!</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="166"/>
        <source>Its certificate is the one you trusted for this address before.</source>
        <translation>Sein Zertifikat ist das, dem Sie für diese Adresse bereits vertraut haben.</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="168"/>
        <source>Its certificate differs from the one you trusted for this address: someone may be pretending to be that host. Ask the host for the fingerprint before you connect.</source>
        <translation>Sein Zertifikat ist ein anderes als das, dem Sie für diese Adresse vertraut haben: Jemand könnte sich als dieser Host ausgeben. Fragen Sie den Host nach dem Fingerabdruck, bevor Sie sich verbinden.</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="172"/>
        <source>Compare the fingerprint the app shows on connect with the host&apos;s.</source>
        <translation>Vergleichen Sie den Fingerabdruck, den die App beim Verbinden zeigt, mit dem des Hosts.</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="189"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="191"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/discoveredhostmodel.cpp" line="193"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
</context>
<context>
    <name>DiscoveryOptions</name>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="14"/>
        <source>Show this server to others as &lt;name&gt; (at most 63 bytes; default &quot;LanChat on HOSTNAME&quot;).</source>
        <translation>Diesen Server anderen als &lt;name&gt; zeigen (höchstens 63 Bytes; Vorgabe „LanChat on HOSTNAME“).</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="18"/>
        <source>Do not announce the server on the local network (DNS-SD through avahi-daemon).</source>
        <translation>Den Server nicht im lokalen Netz ankündigen (DNS-SD über avahi-daemon).</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="21"/>
        <source>With --headless: print the browser link&apos;s QR code even when standard output is not a terminal.</source>
        <translation>Mit --headless: den QR-Code des Browser-Links auch ausgeben, wenn die Standardausgabe kein Terminal ist.</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="24"/>
        <source>Print the LanChat hosts announced on the local network, one per line, and exit (no window needed).</source>
        <translation>Die im lokalen Netz angekündigten LanChat-Hosts ausgeben, einen pro Zeile, und beenden (ohne Fenster).</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="27"/>
        <source>With --discover: stop after &lt;seconds&gt; (default 5; with --scan, when the scan is done).</source>
        <translation>Mit --discover: nach &lt;seconds&gt; Sekunden aufhören (Vorgabe 5; mit --scan, wenn das Durchsuchen fertig ist).</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="30"/>
        <source>With --discover: one JSON object per line.</source>
        <translation>Mit --discover: ein JSON-Objekt pro Zeile.</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="32"/>
        <source>With --discover: also probe this machine&apos;s IPv4 networks (at most a /22 each) for LanChat hosts, for networks where announcements do not arrive.</source>
        <translation>Mit --discover: auch die IPv4-Netze dieses Rechners (höchstens je ein /22) nach LanChat-Hosts absuchen, für Netze, in denen Ankündigungen nicht ankommen.</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="49"/>
        <source>--name needs a name</source>
        <translation>--name braucht einen Namen</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="63"/>
        <source>invalid --timeout &quot;%1&quot; (seconds, 0 to 3600)</source>
        <translation>ungültiges --timeout „%1“ (Sekunden, 0 bis 3600)</translation>
    </message>
    <message>
        <location filename="../app/discoveryoptions.cpp" line="69"/>
        <source>--timeout, --json and --scan go with --discover</source>
        <translation>--timeout, --json und --scan gehören zu --discover</translation>
    </message>
</context>
<context>
    <name>DiscoveryPanel</name>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="18"/>
        <source>LanChat hosts on the network</source>
        <translation>LanChat-Hosts im Netzwerk</translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="41"/>
        <location filename="../ui/discoverypanel.cpp" line="114"/>
        <source>&amp;Scan network</source>
        <translation>Netzwerk &amp;durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="43"/>
        <source>Ask every address of this computer&apos;s networks for a LanChat (for networks where hosts are not announced)</source>
        <translation>Jede Adresse der Netze dieses Rechners nach einem LanChat fragen (für Netze, in denen Hosts nicht angekündigt werden)</translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="89"/>
        <source>Automatic discovery needs avahi-daemon, which is not running here: scan the network or enter the address.</source>
        <translation>Die automatische Suche braucht avahi-daemon, der hier nicht läuft: Durchsuchen Sie das Netzwerk oder geben Sie die Adresse ein.</translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="94"/>
        <source>Automatic discovery failed (%1): scan the network or enter the address.</source>
        <translation>Die automatische Suche ist fehlgeschlagen (%1): Durchsuchen Sie das Netzwerk oder geben Sie die Adresse ein.</translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="99"/>
        <source>Looking for LanChat hosts on the network…</source>
        <translation>Suche LanChat-Hosts im Netzwerk …</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/discoverypanel.cpp" line="100"/>
        <source>%n host(s) found: pick one, then enter its token.</source>
        <translation>
            <numerusform>%n Host gefunden: Wählen Sie ihn aus und geben Sie dann sein Token ein.</numerusform>
            <numerusform>%n Hosts gefunden: Wählen Sie einen aus und geben Sie dann sein Token ein.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="105"/>
        <source>Scanning the network… %1 %</source>
        <translation>Durchsuche das Netzwerk … %1 %</translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="107"/>
        <source>The scan found no LanChat host. See “The other machine does not show up” in the README, or enter the address.</source>
        <translation>Beim Durchsuchen wurde kein LanChat-Host gefunden. Siehe „The other machine does not show up“ in der README, oder geben Sie die Adresse ein.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/discoverypanel.cpp" line="110"/>
        <source>The scan found %n host(s).</source>
        <translation>
            <numerusform>Das Durchsuchen fand %n Host.</numerusform>
            <numerusform>Das Durchsuchen fand %n Hosts.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/discoverypanel.cpp" line="114"/>
        <source>&amp;Stop scan</source>
        <translation>Suche &amp;anhalten</translation>
    </message>
</context>
<context>
    <name>EmojiCatalog</name>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="49"/>
        <source>Smileys and emotion</source>
        <translation>Smileys und Gefühle</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="50"/>
        <source>People and body</source>
        <translation>Menschen und Körper</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="51"/>
        <source>Animals and nature</source>
        <translation>Tiere und Natur</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="52"/>
        <source>Food and drink</source>
        <translation>Essen und Trinken</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="53"/>
        <source>Activities</source>
        <translation>Aktivitäten</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="54"/>
        <source>Travel and places</source>
        <translation>Reisen und Orte</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="55"/>
        <source>Objects</source>
        <translation>Gegenstände</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="56"/>
        <source>Symbols</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojicatalog.cpp" line="57"/>
        <source>Flags</source>
        <translation>Flaggen</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="33"/>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="69"/>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="41"/>
        <source>Search emoji by name</source>
        <translation>Emoji nach Namen suchen (englisch)</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="42"/>
        <source>Search emoji</source>
        <translation>Emoji suchen</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="56"/>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="57"/>
        <source>Recently used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="152"/>
        <source>Nothing used recently</source>
        <translation>Noch keine verwendet</translation>
    </message>
    <message>
        <location filename="../ui/emojipicker/emojipicker.cpp" line="165"/>
        <source>No emoji found</source>
        <translation>Kein Emoji gefunden</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="57"/>
        <source>%1 joined</source>
        <translation>%1 ist beigetreten</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="59"/>
        <source>%1 left</source>
        <translation>%1 ist gegangen</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="61"/>
        <source>%1 was kicked</source>
        <translation>%1 wurde hinausgeworfen</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="62"/>
        <source>%1 was kicked: %2</source>
        <translation>%1 wurde hinausgeworfen: %2</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="64"/>
        <source>Announcement: %1</source>
        <translation>Durchsage: %1</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="66"/>
        <source>%1 set the topic: %2</source>
        <translation>%1 hat das Thema festgelegt: %2</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="37"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="39"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/host/eventtablemodel.cpp" line="42"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>HandOverMessage</name>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="58"/>
        <source>The message is longer than %1 bytes.</source>
        <translation>Die Nachricht ist länger als %1 Bytes.</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="61"/>
        <source>The message is more than one line.</source>
        <translation>Die Nachricht ist länger als eine Zeile.</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="65"/>
        <source>The message is not a JSON object.</source>
        <translation>Die Nachricht ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="68"/>
        <source>The message is not a LanChat hand-over of version %1.</source>
        <translation>Die Nachricht ist keine LanChat-Übergabe der Version %1.</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="73"/>
        <source>Unknown action in the message.</source>
        <translation>Unbekannte Aktion in der Nachricht.</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="76"/>
        <source>The message has no invite, or one that is too long.</source>
        <translation>Die Nachricht enthält keine Einladung oder eine zu lange.</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="79"/>
        <source>The invite is not valid: %1</source>
        <translation>Die Einladung ist ungültig: %1</translation>
    </message>
    <message>
        <location filename="../desktop/handovermessage.cpp" line="98"/>
        <source>The running LanChat gave no valid answer.</source>
        <translation>Das laufende LanChat hat nicht gültig geantwortet.</translation>
    </message>
</context>
<context>
    <name>HistoryExport</name>
    <message>
        <location filename="../server/storage/historyexport.cpp" line="80"/>
        <source>The export was cancelled because the server stopped.</source>
        <translation>Der Export wurde abgebrochen, weil der Server angehalten wurde.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="25"/>
        <source>Search text</source>
        <translation>Text suchen</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="29"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="31"/>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="33"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="48"/>
        <source>Export &amp;direct messages too</source>
        <translation>&amp;Direktnachrichten mit exportieren</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="51"/>
        <source>Direct messages are stored on this computer; they are never shown in this panel.</source>
        <translation>Direktnachrichten werden auf diesem Rechner gespeichert; in dieser Ansicht erscheinen sie nie.</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="104"/>
        <source>The history can be read while the server runs.</source>
        <translation>Der Verlauf kann gelesen werden, während der Server läuft.</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="110"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="120"/>
        <source>The history could not be read.</source>
        <translation>Der Verlauf konnte nicht gelesen werden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/host/historypanel.cpp" line="137"/>
        <source>%n events shown; scroll up for older ones.</source>
        <translation>
            <numerusform>%n Ereignis angezeigt; nach oben scrollen für ältere.</numerusform>
            <numerusform>%n Ereignisse angezeigt; nach oben scrollen für ältere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/host/historypanel.cpp" line="138"/>
        <source>%n events shown, all that match.</source>
        <translation>
            <numerusform>%n Ereignis angezeigt, alle passenden.</numerusform>
            <numerusform>%n Ereignisse angezeigt, alle passenden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="156"/>
        <source>The history can be exported while the server runs.</source>
        <translation>Der Verlauf kann exportiert werden, während der Server läuft.</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="161"/>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="174"/>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="175"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="178"/>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/host/historypanel.cpp" line="189"/>
        <source>Exported %n events to %1.</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert.</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/host/historypanel.cpp" line="190"/>
        <source>Export to %1 failed: %2</source>
        <translation>Export nach %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>HostWindow</name>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="125"/>
        <source>Not hosting: port %1 is in use.</source>
        <translation>Kein Hosting: Port %1 ist belegt.</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="130"/>
        <source>LanChat could not start hosting</source>
        <translation>LanChat konnte den Chat nicht starten</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="134"/>
        <source>LanChat stopped hosting</source>
        <translation>LanChat hat den Chat angehalten</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="159"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="160"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="161"/>
        <source>&amp;Operator</source>
        <translation>&amp;Operator</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="176"/>
        <source>S&amp;tart</source>
        <translation>S&amp;tarten</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="179"/>
        <source>St&amp;op</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="181"/>
        <source>&amp;Restart</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="185"/>
        <source>Copy &amp;invite</source>
        <translation>&amp;Einladung kopieren</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="189"/>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="192"/>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="207"/>
        <source>Focus the &amp;announcement</source>
        <translation>Zur &amp;Durchsage</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="213"/>
        <source>Focus the &amp;chat</source>
        <translation>Zum &amp;Chat</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="219"/>
        <source>&amp;Find in history</source>
        <translation>Im Verlauf &amp;suchen</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="225"/>
        <source>Filter &amp;clients</source>
        <translation>&amp;Clients filtern</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="256"/>
        <source>History is kept in %1</source>
        <translation>Der Verlauf wird in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="351"/>
        <source>Starting the server with the new settings…</source>
        <translation>Der Server startet mit den neuen Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="354"/>
        <source>Restarting the server with the new settings…</source>
        <translation>Der Server startet mit den neuen Einstellungen neu…</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="117"/>
        <source>Messages are not being stored: %1</source>
        <translation>Nachrichten werden nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="62"/>
        <source>Operator panels</source>
        <translation>Operator-Bereiche</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="85"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="86"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="87"/>
        <location filename="../ui/host/hostwindow.cpp" line="90"/>
        <source>Bans</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="90"/>
        <source>Bans (%1)</source>
        <translation>Sperren (%1)</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="93"/>
        <source>Registered names</source>
        <translation>Registrierte Namen</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="94"/>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="96"/>
        <source>Moderation log</source>
        <translation>Moderationsprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="98"/>
        <source>Announcements</source>
        <translation>Durchsagen</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="99"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="100"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="118"/>
        <source>The history can be written again.</source>
        <translation>Der Verlauf kann wieder geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="119"/>
        <source>Messages cannot be stored.</source>
        <translation>Nachrichten können nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../ui/host/hostwindow.cpp" line="142"/>
        <source>Not hosting: %1</source>
        <translation>Der Server läuft nicht: %1</translation>
    </message>
</context>
<context>
    <name>InviteLink</name>
    <message>
        <location filename="../protocol/invitelink.cpp" line="21"/>
        <source>The invite is empty.</source>
        <translation>Die Einladung ist leer.</translation>
    </message>
    <message>
        <location filename="../protocol/invitelink.cpp" line="31"/>
        <source>No lanchat:// link found in the invite.</source>
        <translation>In der Einladung wurde kein lanchat://-Link gefunden.</translation>
    </message>
    <message>
        <location filename="../protocol/invitelink.cpp" line="35"/>
        <source>The link is malformed: %1</source>
        <translation>Der Link ist fehlerhaft: %1</translation>
    </message>
    <message>
        <location filename="../protocol/invitelink.cpp" line="37"/>
        <source>The link names no host.</source>
        <translation>Der Link nennt keinen Host.</translation>
    </message>
    <message>
        <location filename="../protocol/invitelink.cpp" line="39"/>
        <source>The port must be from 1 to 65535.</source>
        <translation>Der Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <location filename="../protocol/invitelink.cpp" line="51"/>
        <source>The certificate fingerprint in the link is malformed.</source>
        <translation>Der Zertifikat-Fingerabdruck im Link ist fehlerhaft.</translation>
    </message>
</context>
<context>
    <name>InviteQrPanel</name>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="27"/>
        <source>The browser link with the token: a phone&apos;s camera opens the chat</source>
        <translation>Der Browser-Link mit dem Token: Die Kamera eines Telefons öffnet den Chat</translation>
    </message>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="37"/>
        <source>The address the phone is to use (one on its network)</source>
        <translation>Die Adresse, die das Telefon verwenden soll (eine in seinem Netz)</translation>
    </message>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="39"/>
        <source>Show &amp;full screen</source>
        <translation>&amp;Vollbild zeigen</translation>
    </message>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="76"/>
        <source>The QR code for phones appears while hosting.</source>
        <translation>Der QR-Code für Telefone erscheint, während Sie hosten.</translation>
    </message>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="77"/>
        <source>Scan with a phone to join in its browser</source>
        <translation>Mit einem Telefon scannen, um im Browser beizutreten</translation>
    </message>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="88"/>
        <source>LanChat: scan to join</source>
        <translation>LanChat: zum Beitreten scannen</translation>
    </message>
    <message>
        <location filename="../ui/host/inviteqrpanel.cpp" line="90"/>
        <source>Scan with a phone to join %1 in its browser. Escape or a click closes.</source>
        <translation>Mit einem Telefon scannen, um %1 im Browser beizutreten. Escape oder ein Klick schließt.</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../ui/joindialog.cpp" line="33"/>
        <source>Join a LanChat</source>
        <translation>Einem LanChat beitreten</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="48"/>
        <source>Paste the invite or a lanchat:// link</source>
        <translation>Einladung oder lanchat://-Link einfügen</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="50"/>
        <source>&amp;Invite:</source>
        <translation>&amp;Einladung:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="59"/>
        <source>(choose a recent server)</source>
        <translation>(zuletzt genutzten Server wählen)</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="61"/>
        <source>%1 as %2</source>
        <translation>%1 als %2</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="67"/>
        <source>&amp;Recent:</source>
        <translation>&amp;Zuletzt:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="71"/>
        <source>192.168.1.20 or host name</source>
        <translation>192.168.1.20 oder Hostname</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="72"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="77"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="81"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="89"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="95"/>
        <source>How the others see you</source>
        <translation>Wie die anderen dich sehen</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="96"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="106"/>
        <source>Remember the token on this computer</source>
        <translation>Token auf diesem Computer merken</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="111"/>
        <source>&amp;Join</source>
        <translation>&amp;Beitreten</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="269"/>
        <source>Invite for %1 read.</source>
        <translation>Einladung für %1 gelesen.</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="290"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="333"/>
        <source>Join again to trust it.</source>
        <translation>Tritt erneut bei, um ihm zu vertrauen.</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="410"/>
        <source>%1 picked: enter the token its host shows (or paste the invite).</source>
        <translation>%1 gewählt: Geben Sie das Token ein, das sein Host zeigt (oder fügen Sie die Einladung ein).</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="413"/>
        <source>%1 picked.</source>
        <translation>%1 gewählt.</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="97"/>
        <source>Encrypted (&amp;TLS)</source>
        <translation>Verschlüsselt (&amp;TLS)</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="102"/>
        <source>SHA-256 the host shows; empty: ask on connect</source>
        <translation>SHA-256, den der Host anzeigt; leer: beim Verbinden fragen</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="103"/>
        <source>&amp;Fingerprint:</source>
        <translation>&amp;Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../ui/joindialog.cpp" line="355"/>
        <source>32 bytes in hex, as the host shows it (AB:CD:…)</source>
        <translation>32 Bytes hexadezimal, wie der Host ihn anzeigt (AB:CD:…)</translation>
    </message>
</context>
<context>
    <name>JumpToLatestButton</name>
    <message>
        <location filename="../ui/chatview/jumptolatestbutton.cpp" line="16"/>
        <source>Jump to the latest message (Ctrl+End)</source>
        <translation>Zur neuesten Nachricht springen (Strg+Ende)</translation>
    </message>
    <message>
        <location filename="../ui/chatview/jumptolatestbutton.cpp" line="17"/>
        <source>Jump to the latest message</source>
        <translation>Zur neuesten Nachricht springen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/jumptolatestbutton.cpp" line="27"/>
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n neue Nachricht</numerusform>
            <numerusform>%n neue Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/jumptolatestbutton.cpp" line="50"/>
        <source>%n new</source>
        <translation>
            <numerusform>%n neue</numerusform>
            <numerusform>%n neue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitOptions</name>
    <message>
        <location filename="../app/limitoptions.cpp" line="45"/>
        <source>Accept at most &lt;n&gt; WebSocket connections (chat and echo) at once (default 100).</source>
        <translation>Höchstens &lt;n&gt; WebSocket-Verbindungen (Chat und Echo) gleichzeitig annehmen (Standard 100).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="49"/>
        <source>Accept at most &lt;n&gt; WebSocket connections (chat and echo) from one address (default 16).</source>
        <translation>Höchstens &lt;n&gt; WebSocket-Verbindungen (Chat und Echo) von einer Adresse annehmen (Standard 16).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="53"/>
        <source>Flood control: &lt;rate&gt;/&lt;burst&gt; messages per second and client (default 2/5); 0 turns it off.</source>
        <translation>Flutschutz: &lt;rate&gt;/&lt;burst&gt; Nachrichten pro Sekunde und Client (Standard 2/5); 0 schaltet ihn aus.</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="57"/>
        <source>Refuse messages longer than &lt;n&gt; characters (default 5000).</source>
        <translation>Nachrichten mit mehr als &lt;n&gt; Zeichen ablehnen (Standard 5000).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="59"/>
        <source>Close connections that send a WebSocket frame or message larger than &lt;bytes&gt; (default 65536).</source>
        <translation>Verbindungen schließen, die einen WebSocket-Frame oder eine Nachricht größer als &lt;bytes&gt; senden (Standard 65536).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="63"/>
        <source>Drop a client whose unsent output exceeds &lt;bytes&gt; (default 1048576).</source>
        <translation>Einen Client trennen, dessen ungesendete Ausgabe &lt;bytes&gt; übersteigt (Standard 1048576).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="67"/>
        <source>Ping clients every &lt;seconds&gt; and drop those silent for two intervals (default 20; 0 turns it off).</source>
        <translation>Clients alle &lt;seconds&gt; anpingen und die trennen, die zwei Intervalle lang schweigen (Standard 20; 0 schaltet es aus).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="71"/>
        <source>Block an address for 300 s after &lt;n&gt; wrong tokens within 120 s (default 10; 0 turns it off).</source>
        <translation>Eine Adresse nach &lt;n&gt; falschen Tokens innerhalb von 120 s für 300 s sperren (Standard 10; 0 schaltet es aus).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="75"/>
        <source>Also accept browser connections from pages of &lt;origin&gt; (repeatable).</source>
        <translation>Auch Browser-Verbindungen von Seiten von &lt;origin&gt; annehmen (wiederholbar).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="78"/>
        <source>Also answer requests addressed to &lt;name&gt; (repeatable; its own addresses, host name and localhost always work; * accepts any name).</source>
        <translation>Auch Anfragen an &lt;name&gt; beantworten (wiederholbar; die eigenen Adressen, der Rechnername und localhost gelten immer; * nimmt jeden Namen an).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="82"/>
        <source>Keep at most &lt;n&gt; connections of any kind open at once (default: as many as the descriptor limit leaves room for).</source>
        <translation>Höchstens &lt;n&gt; Verbindungen jeder Art gleichzeitig offen halten (Standard: so viele, wie die Grenze für offene Dateideskriptoren Platz lässt).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="86"/>
        <source>Allow at most &lt;n&gt; rooms on the server, general included (default 200).</source>
        <translation>Höchstens &lt;n&gt; Räume auf dem Server erlauben, general eingeschlossen (Standard 200).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="89"/>
        <source>Let a user be in at most &lt;n&gt; rooms besides general (default 50).</source>
        <translation>Einen Benutzer in höchstens &lt;n&gt; Räumen außer general sein lassen (Standard 50).</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="112"/>
        <source>invalid value for --%1: expected a whole number from %2 to %3</source>
        <translation>ungültiger Wert für --%1: erwartet wird eine ganze Zahl von %2 bis %3</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="156"/>
        <source>invalid value for --message-rate: expected RATE/BURST such as 2/5, or 0</source>
        <translation>ungültiger Wert für --message-rate: erwartet wird RATE/BURST wie 2/5, oder 0</translation>
    </message>
    <message>
        <location filename="../app/limitoptions.cpp" line="92"/>
        <source>Keep the history database below &lt;MiB&gt; (default 0: no limit); when it is full, new messages are refused with an error.</source>
        <translation>Die Verlaufsdatenbank unter &lt;MiB&gt; halten (Standard 0: keine Grenze); ist sie voll, werden neue Nachrichten mit einem Fehler abgelehnt.</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="58"/>
        <source>%1 cleared the topic</source>
        <translation>%1 hat das Thema gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="59"/>
        <source>%1 set the topic: %2</source>
        <translation>%1 hat das Thema festgelegt: %2</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="107"/>
        <source>%1 joined, %2</source>
        <translation>%1 ist beigetreten, %2</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="109"/>
        <source>%1 left, %2</source>
        <translation>%1 ist gegangen, %2</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="112"/>
        <source>%1 was removed by the operator, %2</source>
        <translation>%1 wurde vom Betreiber entfernt, %2</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="113"/>
        <source>%1 was removed by the operator, %2: %3</source>
        <translation>%1 wurde vom Betreiber entfernt, %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="116"/>
        <source>Announcement from %1, %2: %3</source>
        <translation>Durchsage von %1, %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="119"/>
        <source>%1 cleared the topic, %2</source>
        <translation>%1 hat das Thema gelöscht, %2</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="120"/>
        <source>%1 set the topic, %2: %3</source>
        <translation>%1 hat das Thema festgelegt, %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="126"/>
        <source>%1, %2, sending: %3</source>
        <translation>%1, %2, wird gesendet: %3</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="128"/>
        <source>%1, %2, not sent (%3): %4</source>
        <translation>%1, %2, nicht gesendet (%3): %4</translation>
    </message>
    <message>
        <location filename="../ui/messagelistmodel.cpp" line="132"/>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
</context>
<context>
    <name>ModerationLogModel</name>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="30"/>
        <source>kick</source>
        <translation>Hinauswurf</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="32"/>
        <source>ban</source>
        <translation>Sperre</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="34"/>
        <source>unban</source>
        <translation>Entsperrung</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="36"/>
        <source>mute</source>
        <translation>Stummschaltung</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="38"/>
        <source>unmute</source>
        <translation>Stummschaltung aufgehoben</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="40"/>
        <source>block</source>
        <translation>Blockierung</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="42"/>
        <source>drop</source>
        <translation>Trennung</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="44"/>
        <source>release</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="46"/>
        <source>create room</source>
        <translation>Raum erstellt</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="48"/>
        <source>delete room</source>
        <translation>Raum gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="50"/>
        <source>lock room</source>
        <translation>Raum gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="52"/>
        <source>unlock room</source>
        <translation>Raum entsperrt</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="54"/>
        <source>room topic</source>
        <translation>Raumthema</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="56"/>
        <source>kick from room</source>
        <translation>aus Raum geworfen</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="7"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="11"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="13"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="15"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="17"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/host/moderationlogmodel.cpp" line="19"/>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
</context>
<context>
    <name>ModerationLogPanel</name>
    <message>
        <location filename="../ui/host/moderationlogpanel.cpp" line="26"/>
        <source>C&amp;olumns</source>
        <translation>S&amp;palten</translation>
    </message>
</context>
<context>
    <name>OnlineList</name>
    <message>
        <location filename="../ui/onlinelist.cpp" line="19"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="76"/>
        <source>In this conversation</source>
        <translation>In dieser Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="81"/>
        <source>Members (%1)</source>
        <translation>Mitglieder (%1)</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="101"/>
        <source>%1 (you, host)</source>
        <translation>%1 (du, Gastgeber)</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="102"/>
        <source>%1 (you)</source>
        <translation>%1 (du)</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="103"/>
        <source>%1 (host)</source>
        <translation>%1 (Gastgeber)</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="104"/>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="109"/>
        <source>%1, you, host of this chat</source>
        <translation>%1, du, Gastgeber dieses Chats</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="110"/>
        <source>%1, host of this chat</source>
        <translation>%1, Gastgeber dieses Chats</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="124"/>
        <source>Send &amp;direct message</source>
        <translation>&amp;Direktnachricht senden</translation>
    </message>
    <message>
        <location filename="../ui/onlinelist.cpp" line="69"/>
        <source>Online (%1)</source>
        <translation>Online (%1)</translation>
    </message>
</context>
<context>
    <name>OperatorTools</name>
    <message>
        <location filename="../ui/operatortools.cpp" line="18"/>
        <source>Operator tools</source>
        <translation>Operator-Werkzeuge</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="25"/>
        <source>&amp;Operator tools</source>
        <translation>&amp;Operator-Werkzeuge</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="26"/>
        <source>Show or hide the operator tools (Ctrl+Shift+O)</source>
        <translation>Operator-Werkzeuge ein- oder ausblenden (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="41"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="59"/>
        <source>Stop hosting?</source>
        <translation>Chat beenden?</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="61"/>
        <source>1 person is connected. Stop hosting?</source>
        <translation>1 Person ist verbunden. Den Chat als Gastgeber beenden?</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/operatortools.cpp" line="62"/>
        <source>%n people are connected. Stop hosting?</source>
        <translation>
            <numerusform>%n Person ist verbunden. Den Chat als Gastgeber beenden?</numerusform>
            <numerusform>%n Personen sind verbunden. Den Chat als Gastgeber beenden?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="66"/>
        <source>Stopping ends the chat for everyone connected.</source>
        <translation>Dann endet der Chat für alle, die verbunden sind.</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="68"/>
        <source>&amp;Stop hosting</source>
        <translation>Chat &amp;beenden</translation>
    </message>
    <message>
        <location filename="../ui/operatortools.cpp" line="72"/>
        <source>&amp;Keep running in the tray</source>
        <translation>Im &amp;Infobereich weiterlaufen lassen</translation>
    </message>
</context>
<context>
    <name>PortConflictDialog</name>
    <message>
        <location filename="../ui/portconflictdialog.cpp" line="16"/>
        <source>LanChat could not start hosting</source>
        <translation>LanChat konnte den Chat nicht starten</translation>
    </message>
    <message>
        <location filename="../ui/portconflictdialog.cpp" line="18"/>
        <source>Port %1 is in use</source>
        <translation>Port %1 ist belegt</translation>
    </message>
    <message>
        <location filename="../ui/portconflictdialog.cpp" line="21"/>
        <source>Another program (or another LanChat) already listens on port %1. LanChat can host on port %2 instead: the invite and the address shown to others follow.</source>
        <translation>Ein anderes Programm (oder ein anderes LanChat) lauscht schon auf Port %1. LanChat kann stattdessen auf Port %2 hosten: Einladung und Adresse für die anderen passen sich an.</translation>
    </message>
    <message>
        <location filename="../ui/portconflictdialog.cpp" line="25"/>
        <source>Another program (or another LanChat) already listens on port %1. Choose another port in the settings.</source>
        <translation>Ein anderes Programm (oder ein anderes LanChat) lauscht schon auf Port %1. Wähle in den Einstellungen einen anderen Port.</translation>
    </message>
    <message>
        <location filename="../ui/portconflictdialog.cpp" line="29"/>
        <source>&amp;Use port %1</source>
        <translation>Port %1 &amp;verwenden</translation>
    </message>
    <message>
        <location filename="../ui/portconflictdialog.cpp" line="38"/>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
</context>
<context>
    <name>PresenceSummary</name>
    <message>
        <location filename="../ui/chatview/presencesummary.cpp" line="16"/>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <location filename="../ui/chatview/presencesummary.cpp" line="18"/>
        <source>%1, %2 and %3</source>
        <translation>%1, %2 und %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/presencesummary.cpp" line="20"/>
        <source>%1, %2 and %n others</source>
        <translation>
            <numerusform>%1, %2 und %n weitere Person</numerusform>
            <numerusform>%1, %2 und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/presencesummary.cpp" line="60"/>
        <source>%1 joined</source>
        <translation>
            <numerusform>%1 ist beigetreten</numerusform>
            <numerusform>%1 sind beigetreten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/presencesummary.cpp" line="62"/>
        <source>%1 left</source>
        <translation>
            <numerusform>%1 ist gegangen</numerusform>
            <numerusform>%1 sind gegangen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/presencesummary.cpp" line="64"/>
        <source>%1 came back</source>
        <translation>
            <numerusform>%1 ist zurück</numerusform>
            <numerusform>%1 sind zurück</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/presencesummary.cpp" line="67"/>
        <source>%1 joined and left</source>
        <translation>
            <numerusform>%1 kam und ging</numerusform>
            <numerusform>%1 kamen und gingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chatview/presencesummary.cpp" line="78"/>
        <source>… %n earlier</source>
        <translation>
            <numerusform>… %n früheres Ereignis</numerusform>
            <numerusform>… %n frühere Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/chatview/presencesummary.cpp" line="82"/>
        <source>%1 %2 joined</source>
        <translation>%1 %2 ist beigetreten</translation>
    </message>
    <message>
        <location filename="../ui/chatview/presencesummary.cpp" line="83"/>
        <source>%1 %2 left</source>
        <translation>%1 %2 ist gegangen</translation>
    </message>
</context>
<context>
    <name>RegisteredPanel</name>
    <message>
        <location filename="../ui/host/registeredpanel.cpp" line="20"/>
        <source>&amp;Release…</source>
        <translation>&amp;Freigeben…</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredpanel.cpp" line="22"/>
        <source>Frees the name for a person who lost their device&apos;s identity</source>
        <translation>Gibt den Namen für eine Person frei, die die Identität ihres Geräts verloren hat</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredpanel.cpp" line="33"/>
        <source>C&amp;olumns</source>
        <translation>S&amp;palten</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredpanel.cpp" line="63"/>
        <source>Release a registered name</source>
        <translation>Registrierten Namen freigeben</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredpanel.cpp" line="64"/>
        <source>Release the name &quot;%1&quot;? Its owner&apos;s device no longer proves the name: the next person to connect with it and an identity registers it. Nobody is disconnected.</source>
        <translation>Den Namen „%1“ freigeben? Das Gerät der Person, der er gehört, weist den Namen dann nicht mehr nach: Wer sich als Nächstes mit ihm und einer Identität verbindet, registriert ihn. Niemand wird getrennt.</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredpanel.cpp" line="70"/>
        <source>&amp;Release</source>
        <translation>&amp;Freigeben</translation>
    </message>
</context>
<context>
    <name>RegisteredTableModel</name>
    <message>
        <location filename="../ui/host/registeredtablemodel.cpp" line="6"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredtablemodel.cpp" line="8"/>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredtablemodel.cpp" line="12"/>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredtablemodel.cpp" line="16"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../ui/host/registeredtablemodel.cpp" line="18"/>
        <source>online</source>
        <translation>online</translation>
    </message>
</context>
<context>
    <name>RoomTableModel</name>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="9"/>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="11"/>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="16"/>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="18"/>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="20"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="24"/>
        <source>all, %1 online</source>
        <translation>alle, %1 online</translation>
    </message>
    <message>
        <location filename="../ui/host/roomtablemodel.cpp" line="25"/>
        <source>%1, %2 online</source>
        <translation>%1, %2 online</translation>
    </message>
</context>
<context>
    <name>RoomsPanel</name>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="28"/>
        <source>&amp;Create…</source>
        <translation>&amp;Erstellen…</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="30"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="32"/>
        <location filename="../ui/host/roomspanel.cpp" line="133"/>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="33"/>
        <source>Locks or unlocks the room&apos;s topic: in a locked room only you can set it</source>
        <translation>Sperrt oder entsperrt das Thema des Raums: in einem gesperrten Raum kannst nur du es setzen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="36"/>
        <source>Set &amp;topic…</source>
        <translation>&amp;Thema setzen…</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="38"/>
        <source>&amp;Kick from room…</source>
        <translation>Aus dem Raum &amp;werfen…</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="72"/>
        <source>C&amp;olumns</source>
        <translation>S&amp;palten</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="101"/>
        <source>Direct conversations: %1, direct messages: %2 (their text is not shown)</source>
        <translation>Direktgespräche: %1, Direktnachrichten: %2 (ihr Text wird nicht gezeigt)</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="133"/>
        <source>Un&amp;lock</source>
        <translation>E&amp;ntsperren</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="140"/>
        <source>Not done: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="151"/>
        <source>Create a room</source>
        <translation>Raum erstellen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="152"/>
        <source>Name (a-z, 0-9, - and _; at most %1 characters):</source>
        <translation>Name (a–z, 0–9, - und _; höchstens %1 Zeichen):</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="154"/>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="171"/>
        <source>Delete a room</source>
        <translation>Raum löschen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="172"/>
        <source>Delete the room &quot;%1&quot;? Its members (%2) are told and leave it. Its history stays in the database: the History panel still searches and exports it. A room created later under the same name starts empty.</source>
        <translation>Den Raum „%1“ löschen? Seine Mitglieder (%2) erfahren es und verlassen ihn. Sein Verlauf bleibt in der Datenbank: der Bereich Verlauf durchsucht und exportiert ihn weiterhin. Ein später unter demselben Namen erstellter Raum beginnt leer.</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="180"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="207"/>
        <source>Topic of %1</source>
        <translation>Thema von %1</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="208"/>
        <source>Topic (the room&apos;s members see it; empty clears it):</source>
        <translation>Thema (die Mitglieder des Raums sehen es; leer entfernt es):</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="210"/>
        <source>&amp;Set</source>
        <translation>&amp;Setzen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="230"/>
        <source>Kick from %1</source>
        <translation>Aus %1 werfen</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="235"/>
        <source>&amp;Member:</source>
        <translation>&amp;Mitglied:</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="238"/>
        <source>optional; the room&apos;s members see it</source>
        <translation>optional; die Mitglieder des Raums sehen ihn</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="239"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="240"/>
        <source>The member leaves this room only and may join it again; to keep someone out, ban them.</source>
        <translation>Das Mitglied verlässt nur diesen Raum und kann ihm wieder beitreten; wer draußen bleiben soll, wird gesperrt (Bann).</translation>
    </message>
    <message>
        <location filename="../ui/host/roomspanel.cpp" line="247"/>
        <source>&amp;Kick</source>
        <translation>&amp;Hinauswerfen</translation>
    </message>
</context>
<context>
    <name>ServerController</name>
    <message>
        <location filename="../server/servercontroller.cpp" line="232"/>
        <source>The server is not running.</source>
        <translation>Der Server läuft nicht.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="48"/>
        <source>LanChat settings</source>
        <translation>LanChat-Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="54"/>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="56"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="60"/>
        <source>all addresses</source>
        <translation>alle Adressen</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="61"/>
        <source>&amp;Bind address:</source>
        <translation>&amp;Bind-Adresse:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="66"/>
        <source>&amp;Generate new</source>
        <translation>Neu &amp;erzeugen</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="74"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="81"/>
        <source>How the server appears to others on the network and in their join dialog</source>
        <translation>Wie der Server anderen im Netzwerk und in ihrem Beitrittsdialog erscheint</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="83"/>
        <source>Server &amp;name:</source>
        <translation>Server&amp;name:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="85"/>
        <source>&amp;Announce on the local network (others find it without typing)</source>
        <translation>Im lokalen Netz &amp;ankündigen (andere finden ihn ohne Tippen)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="88"/>
        <source>DNS-SD (Bonjour, Zeroconf) through avahi-daemon; the token is never announced</source>
        <translation>DNS-SD (Bonjour, Zeroconf) über avahi-daemon; das Token wird nie angekündigt</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="94"/>
        <source>the application data directory</source>
        <translation>das Datenverzeichnis der Anwendung</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="95"/>
        <source>&amp;Data directory:</source>
        <translation>&amp;Datenverzeichnis:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="126"/>
        <source>Rooms on the server, general included; beyond it, nobody can create a new one</source>
        <translation>Räume auf dem Server, general eingeschlossen; darüber hinaus kann niemand einen neuen erstellen</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="128"/>
        <source>&amp;Rooms at most:</source>
        <translation>&amp;Räume höchstens:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="133"/>
        <source>Rooms one person can be in besides general (0: general only)</source>
        <translation>Räume, in denen eine Person außer general sein kann (0: nur general)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="135"/>
        <source>Roo&amp;ms per person:</source>
        <translation>Räu&amp;me pro Person:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="140"/>
        <source>&amp;Operator name:</source>
        <translation>&amp;Betreibername:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="146"/>
        <source>How the others see you in the chat while you host.</source>
        <translation>So sehen dich die anderen im Chat, während du Gastgeber bist.</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="147"/>
        <source>&amp;Your name in the chat:</source>
        <translation>&amp;Dein Name im Chat:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="151"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="155"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="157"/>
        <source>Closing the window keeps LanChat running in the tray</source>
        <translation>Beim Schließen des Fensters läuft LanChat im Infobereich weiter</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="163"/>
        <source>Start LanChat when I log &amp;in (hosting, with the window in the tray)</source>
        <translation>LanChat beim &amp;Anmelden starten (als Gastgeber, mit dem Fenster im Infobereich)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="169"/>
        <source>Changed server settings restart the server (clients reconnect). The language changes at the next start. Command-line options override these settings.</source>
        <translation>Geänderte Servereinstellungen starten den Server neu (Clients verbinden sich erneut). Die Sprache ändert sich beim nächsten Start. Kommandozeilenoptionen haben Vorrang vor diesen Einstellungen.</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="294"/>
        <source>Not an IP address</source>
        <translation>Keine IP-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="97"/>
        <source>&amp;Encrypt connections (TLS: https:// and wss://)</source>
        <translation>Verbindungen &amp;verschlüsseln (TLS: https:// und wss://)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="101"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="102"/>
        <source>PEM certificates (*.pem *.crt)</source>
        <translation>PEM-Zertifikate (*.pem *.crt)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="103"/>
        <source>Private &amp;key:</source>
        <translation>Privater &amp;Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="104"/>
        <source>PEM private keys (*.pem *.key)</source>
        <translation>Private PEM-Schlüssel (*.pem *.key)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="105"/>
        <source>empty: a self-signed one generated by LanChat</source>
        <translation>leer: ein selbstsigniertes, von LanChat erzeugt</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="106"/>
        <source>empty: generated with the certificate</source>
        <translation>leer: mit dem Zertifikat erzeugt</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="195"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="302"/>
        <source>Give both the certificate and its key, or neither</source>
        <translation>Geben Sie das Zertifikat und seinen Schlüssel an, oder keines von beiden</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="115"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="116"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="118"/>
        <source>When the history database reaches this size, new messages are refused with an error until the limit is raised.</source>
        <translation>Erreicht die Verlaufsdatenbank diese Größe, werden neue Nachrichten mit einem Fehler abgelehnt, bis die Grenze erhöht wird.</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="120"/>
        <source>History &amp;size limit:</source>
        <translation>&amp;Größengrenze des Verlaufs:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="22"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="30"/>
        <location filename="../ui/shortcutsdialog.cpp" line="33"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="32"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/shortcutsdialog.cpp" line="32"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../desktop/singleinstance.cpp" line="66"/>
        <source>Another LanChat has been starting for %1 s and holds %2.</source>
        <translation>Ein anderes LanChat startet seit %1 s und hält %2.</translation>
    </message>
    <message>
        <location filename="../desktop/singleinstance.cpp" line="78"/>
        <source>The running LanChat does not answer at %1: %2</source>
        <translation>Das laufende LanChat antwortet nicht unter %1: %2</translation>
    </message>
    <message>
        <location filename="../desktop/singleinstance.cpp" line="91"/>
        <source>The running LanChat did not answer within %1 s.</source>
        <translation>Das laufende LanChat hat nicht innerhalb von %1 s geantwortet.</translation>
    </message>
    <message>
        <location filename="../desktop/singleinstance.cpp" line="96"/>
        <source>The running LanChat refused: %1</source>
        <translation>Das laufende LanChat hat abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../desktop/singleinstance.cpp" line="113"/>
        <source>Cannot listen at %1: %2</source>
        <translation>Kann nicht unter %1 lauschen: %2</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../ui/startdialog.cpp" line="10"/>
        <source>LanChat</source>
        <translation>LanChat</translation>
    </message>
    <message>
        <location filename="../ui/startdialog.cpp" line="12"/>
        <source>How do you want to use LanChat?</source>
        <translation>Wie möchtest du LanChat nutzen?</translation>
    </message>
    <message>
        <location filename="../ui/startdialog.cpp" line="16"/>
        <source>&amp;Host a chat on this computer</source>
        <translation>Auf diesem Computer einen Chat &amp;anbieten</translation>
    </message>
    <message>
        <location filename="../ui/startdialog.cpp" line="17"/>
        <source>Others on the network join you with an invite.</source>
        <translation>Andere im Netzwerk treten mit einer Einladung bei.</translation>
    </message>
    <message>
        <location filename="../ui/startdialog.cpp" line="18"/>
        <source>&amp;Join a chat</source>
        <translation>Einem Chat &amp;beitreten</translation>
    </message>
    <message>
        <location filename="../ui/startdialog.cpp" line="19"/>
        <source>Connect to someone else&apos;s LanChat with their invite.</source>
        <translation>Mit der Einladung mit dem LanChat eines anderen verbinden.</translation>
    </message>
    <message>
        <location filename="../ui/startdialog.cpp" line="26"/>
        <source>Always start like this (do not ask again)</source>
        <translation>Immer so starten (nicht mehr fragen)</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="38"/>
        <source>Others join with</source>
        <translation>Andere treten bei mit</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="57"/>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="65"/>
        <source>SHA-256 fingerprint of the server&apos;s TLS certificate, also part of the invite</source>
        <translation>SHA-256-Fingerabdruck des TLS-Zertifikats des Servers, auch Teil der Einladung</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="66"/>
        <source>Certificate:</source>
        <translation>Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="72"/>
        <source>Network:</source>
        <translation>Netzwerk:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="78"/>
        <location filename="../ui/host/statuspanel.cpp" line="83"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="83"/>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="85"/>
        <source>&amp;Copy invite</source>
        <translation>Einladung &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="92"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="94"/>
        <location filename="../ui/host/statuspanel.cpp" line="220"/>
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="99"/>
        <location filename="../ui/host/statuspanel.cpp" line="243"/>
        <source>No one connected</source>
        <translation>Niemand verbunden</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="101"/>
        <location filename="../ui/host/statuspanel.cpp" line="252"/>
        <source>%1 messages/s</source>
        <translation>%1 Nachrichten/s</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="109"/>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="128"/>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="160"/>
        <source>Join my LanChat:</source>
        <translation>Tritt meinem LanChat bei:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="164"/>
        <source>Or in a web browser:</source>
        <translation>Oder im Webbrowser:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="168"/>
        <source>The browser will warn about the certificate: continue only if it shows this SHA-256 fingerprint:</source>
        <translation>Der Browser warnt vor dem Zertifikat: Fahren Sie nur fort, wenn er diesen SHA-256-Fingerabdruck zeigt:</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="179"/>
        <source>Invite copied to the clipboard.</source>
        <translation>Einladung in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="202"/>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="217"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="223"/>
        <source>Listening on port %1</source>
        <translation>Empfangsbereit auf Port %1</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="226"/>
        <source>Stopping…</source>
        <translation>Wird angehalten …</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/host/statuspanel.cpp" line="244"/>
        <source>%n connected</source>
        <translation>
            <numerusform>%n verbunden</numerusform>
            <numerusform>%n verbunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="275"/>
        <source>Not announced</source>
        <translation>Nicht angekündigt</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="277"/>
        <source>Not announced: turned off in the settings (or with --no-announce)</source>
        <translation>Nicht angekündigt: in den Einstellungen ausgeschaltet (oder mit --no-announce)</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="279"/>
        <source>Not announced while the server is stopped</source>
        <translation>Nicht angekündigt, solange der Server angehalten ist</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="281"/>
        <source>Not announced: the server listens on %1 only</source>
        <translation>Nicht angekündigt: Der Server lauscht nur auf %1</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="286"/>
        <source>Visible on the network as “%1”</source>
        <translation>Im Netzwerk sichtbar als „%1“</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="289"/>
        <source>Announcing as “%1” on the network…</source>
        <translation>Wird im Netzwerk als „%1“ angekündigt …</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="291"/>
        <source>Not announced: %1. Others can still join with the address, the invite or the QR code.</source>
        <translation>Nicht angekündigt: %1. Andere können trotzdem mit der Adresse, der Einladung oder dem QR-Code beitreten.</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="295"/>
        <source>Not announced: %1</source>
        <translation>Nicht angekündigt: %1</translation>
    </message>
    <message>
        <location filename="../ui/host/statuspanel.cpp" line="305"/>
        <source>Announced with DNS-SD as _lanchat._tcp and _http._tcp; the join dialog and phones&apos; service browsers list it. The token is not announced.</source>
        <translation>Mit DNS-SD als _lanchat._tcp und _http._tcp angekündigt; der Beitrittsdialog und die Dienstsuche von Telefonen zeigen ihn. Das Token wird nicht angekündigt.</translation>
    </message>
</context>
<context>
    <name>TlsIdentity</name>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="139"/>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation>Das TLS-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="144"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="149"/>
        <source>Cannot read the TLS private key %1: %2</source>
        <translation>Der private TLS-Schlüssel %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="160"/>
        <source>%1 holds no unencrypted PEM private key (RSA or EC).</source>
        <translation>%1 enthält keinen unverschlüsselten privaten PEM-Schlüssel (RSA oder EC).</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="167"/>
        <source>The private key in %1 does not belong to the certificate in %2.</source>
        <translation>Der private Schlüssel in %1 gehört nicht zum Zertifikat in %2.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="172"/>
        <source>The TLS certificate in %1 expired on %2.</source>
        <translation>Das TLS-Zertifikat in %1 ist am %2 abgelaufen.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="176"/>
        <source>The TLS certificate in %1 is not valid before %2.</source>
        <translation>Das TLS-Zertifikat in %1 ist erst ab %2 gültig.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="193"/>
        <source>Cannot create the directory %1 for the TLS certificate.</source>
        <translation>Das Verzeichnis %1 für das TLS-Zertifikat kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="200"/>
        <source>%1 exists without %2: remove it to have a new certificate generated.</source>
        <translation>%1 existiert ohne %2: Entfernen Sie es, damit ein neues Zertifikat erzeugt wird.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="221"/>
        <source>TLS needs both a certificate file and a private key file.</source>
        <translation>TLS braucht sowohl eine Zertifikatsdatei als auch eine Datei mit dem privaten Schlüssel.</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="229"/>
        <source>Cannot generate a TLS certificate: %1</source>
        <translation>Es kann kein TLS-Zertifikat erzeugt werden: %1</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="234"/>
        <source>out of memory or no EC support in OpenSSL</source>
        <translation>kein Speicher mehr oder keine EC-Unterstützung in OpenSSL</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="260"/>
        <source>OpenSSL could not build the certificate</source>
        <translation>OpenSSL konnte das Zertifikat nicht erstellen</translation>
    </message>
    <message>
        <location filename="../server/transport/tlsidentity.cpp" line="268"/>
        <source>the generated certificate could not be encoded</source>
        <translation>das erzeugte Zertifikat konnte nicht kodiert werden</translation>
    </message>
</context>
<context>
    <name>TlsOptions</name>
    <message>
        <location filename="../app/tlsoptions.cpp" line="13"/>
        <source>Serve https:// and wss:// only, with a self-signed certificate generated in the data directory (kept for later starts).</source>
        <translation>Nur https:// und wss:// anbieten, mit einem selbstsignierten Zertifikat, das im Datenverzeichnis erzeugt (und für spätere Starts behalten) wird.</translation>
    </message>
    <message>
        <location filename="../app/tlsoptions.cpp" line="16"/>
        <source>Serve TLS with the PEM certificate in &lt;file&gt; (implies --tls; needs --tls-key).</source>
        <translation>TLS mit dem PEM-Zertifikat in &lt;file&gt; anbieten (schließt --tls ein; braucht --tls-key).</translation>
    </message>
    <message>
        <location filename="../app/tlsoptions.cpp" line="19"/>
        <source>The unencrypted PEM private key of --tls-certificate.</source>
        <translation>Der unverschlüsselte private PEM-Schlüssel zu --tls-certificate.</translation>
    </message>
    <message>
        <location filename="../app/tlsoptions.cpp" line="41"/>
        <source>TLS needs both --tls-certificate and --tls-key (or neither, for a generated certificate)</source>
        <translation>TLS braucht sowohl --tls-certificate als auch --tls-key (oder keines von beiden, für ein erzeugtes Zertifikat)</translation>
    </message>
</context>
<context>
    <name>TrustPrompt</name>
    <message>
        <location filename="../ui/trustprompt.cpp" line="13"/>
        <source>Trust this server?</source>
        <translation>Diesem Server vertrauen?</translation>
    </message>
    <message>
        <location filename="../ui/trustprompt.cpp" line="14"/>
        <source>%1 presents a TLS certificate that this computer does not know yet.

SHA-256 fingerprint:
%2

Compare it with the fingerprint in the host&apos;s LanChat window or invite. Trust it only if both are the same.</source>
        <translation>%1 zeigt ein TLS-Zertifikat, das dieser Computer noch nicht kennt.

SHA-256-Fingerabdruck:
%2

Vergleichen Sie ihn mit dem Fingerabdruck im LanChat-Fenster oder in der Einladung des Hosts. Vertrauen Sie ihm nur, wenn beide gleich sind.</translation>
    </message>
    <message>
        <location filename="../ui/trustprompt.cpp" line="24"/>
        <source>Trust &amp;once</source>
        <translation>&amp;Einmal vertrauen</translation>
    </message>
    <message>
        <location filename="../ui/trustprompt.cpp" line="26"/>
        <source>Trust &amp;always</source>
        <translation>&amp;Immer vertrauen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="76"/>
        <source>LanChat: chat on the local network.</source>
        <translation>LanChat: Chat im lokalen Netz.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="80"/>
        <source>Run the server without a window.</source>
        <translation>Den Server ohne Fenster ausführen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="83"/>
        <source>Listen on &lt;port&gt; (0 picks a free one; default 8787).</source>
        <translation>Auf &lt;port&gt; lauschen (0 wählt einen freien; Standard 8787).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="87"/>
        <source>Listen on &lt;address&gt; only (default: all addresses).</source>
        <translation>Nur auf &lt;address&gt; lauschen (Standard: alle Adressen).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="91"/>
        <source>The token clients must present (default: from the settings, or a new random one). Every local user can read it in the process list: prefer --token-file.</source>
        <translation>Das Token, das Clients vorweisen müssen (Standard: aus den Einstellungen oder ein neues zufälliges). Jeder lokale Benutzer kann es in der Prozessliste lesen: besser --token-file verwenden.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="98"/>
        <source>Read the token from &lt;file&gt; (without its final line break); other users must not be able to read the file.</source>
        <translation>Das Token aus &lt;file&gt; lesen (ohne den abschließenden Zeilenumbruch); andere Benutzer dürfen die Datei nicht lesen können.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="113"/>
        <source>Start one more LanChat even if one runs in this session (otherwise an invite goes to the running one, which shows its window).</source>
        <translation>Ein weiteres LanChat starten, auch wenn in dieser Sitzung eines läuft (sonst geht eine Einladung an das laufende, das sein Fenster zeigt).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="119"/>
        <source>Host with the window hidden in the tray (how &quot;Start when I log in&quot; starts LanChat).</source>
        <translation>Als Gastgeber mit dem Fenster im Infobereich starten (so startet „Beim Anmelden starten“ LanChat).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="126"/>
        <source>A lanchat:// invite to join, as with --join (how links open LanChat).</source>
        <translation>Eine lanchat://-Einladung zum Beitreten, wie mit --join (so öffnen Links LanChat).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="145"/>
        <source>give one invite only</source>
        <translation>nur eine Einladung angeben</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="151"/>
        <source>an invite cannot be joined with --headless or --minimized, which host</source>
        <translation>mit --headless oder --minimized, die bereitstellen, kann keiner Einladung gefolgt werden</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="179"/>
        <source>give the token either with --token or with --token-file</source>
        <translation>das Token entweder mit --token oder mit --token-file angeben</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="347"/>
        <source>Start with --new-instance to run one more LanChat anyway.</source>
        <translation>Mit --new-instance startet trotzdem ein weiteres LanChat.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="104"/>
        <source>Keep the history database in &lt;directory&gt;.</source>
        <translation>Die Verlaufsdatenbank in &lt;directory&gt; ablegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="108"/>
        <source>Join another LanChat with &lt;invite&gt; (a lanchat://host:port?token=… link; with &amp;username=… it connects without asking).</source>
        <translation>Einem anderen LanChat mit &lt;invite&gt; beitreten (ein lanchat://host:port?token=…-Link; mit &amp;username=… verbindet es sich ohne Nachfrage).</translation>
    </message>
    <message>
        <location filename="../app/headlessinvite.cpp" line="28"/>
        <source>Scan to join in a browser: %1</source>
        <translation>Zum Beitreten im Browser scannen: %1</translation>
    </message>
    <message>
        <location filename="../app/tokenfile.cpp" line="17"/>
        <source>cannot read the token file %1: %2</source>
        <translation>die Token-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/tokenfile.cpp" line="19"/>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <location filename="../app/tokenfile.cpp" line="24"/>
        <source>other users can read the token file %1: make it private first (chmod o-r, or chmod 600)</source>
        <translation>andere Benutzer können die Token-Datei %1 lesen: zuerst nur für den Eigentümer lesbar machen (chmod o-r oder chmod 600)</translation>
    </message>
    <message>
        <location filename="../app/tokenfile.cpp" line="32"/>
        <source>the token file %1 is larger than %2 bytes</source>
        <translation>die Token-Datei %1 ist größer als %2 Bytes</translation>
    </message>
    <message>
        <location filename="../app/tokenfile.cpp" line="43"/>
        <source>the token file %1 is not UTF-8 text</source>
        <translation>die Token-Datei %1 ist kein UTF-8-Text</translation>
    </message>
    <message>
        <location filename="../app/tokenfile.cpp" line="47"/>
        <source>the token file %1 is empty</source>
        <translation>die Token-Datei %1 ist leer</translation>
    </message>
</context>
</TS>
