<?xml version="1.0" encoding="UTF-8"?>
<!--
  XBeteiligung 1.2 to the planning department's system (Amt für Stadtplanung und Wohnen): one small, plain
  document of the city's own in urn:de:stuttgart:planung:beteiligung:1 per message (output: xml).

    allgemein.stellungnahme.Neuabgegeben.0701 / .Aktualisiert.0702  ->  <beitrag>  (a contribution)
    kommunal.Initiieren.0401 / kommunal.Aktualisieren.0402           ->  <beteiligungsverfahren>

  Conventions: absent or empty values produce no element; values are whitespace-normalized, free text
  (beitragstext, planungsanlass, mitteilung) only trimmed, so its line breaks stay; codes are passed on
  as @code, with the code list's description as text (the instance's own name wins); dates stay ISO 8601
  as in the message.
  The message type is taken from the root element, not from the header (they may differ in real messages).
  Identifiers that tie messages together: planId (the planning procedure, also the hub's case reference),
  beteiligungsId (the participation procedure), beitragId (the contribution, same in 0701 and its 0702).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:xbeteiligung="https://www.xleitstelle.de/xbeteiligung/12"
                xmlns:bn-g2g="http://xoev.de/schemata/basisnachricht/g2g/1_1"
                xmlns:f="urn:de:amtsbote:mapping:buergerbeteiligung"
                xmlns="urn:de:stuttgart:planung:beteiligung:1"
                exclude-result-prefixes="#all"
                expand-text="yes">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="trackingId" as="xs:string" required="yes"/>
  <xsl:param name="messageId" as="xs:string" required="yes"/>

  <!-- Descriptions of the codes the destination shows; the same rows as the connector's genericode files
       (schemas/xbeteiligung/1.2/codelisten/), which a mapping may not read. -->
  <xsl:variable name="verfahrensschritt" as="map(xs:string, xs:string)" select="map {
      '1000': 'Einleitungsphase',
      '2000': 'Frühzeitige Behördenbeteiligung',
      '3000': 'Aufstellungsbeschluss',
      '3600': 'Einleitungszustimmung',
      '4000': 'Frühzeitige Öffentlichkeitsbeteiligung',
      '5000': 'Beteiligung der Behörden und sonstigen Träger öffentlicher Belange',
      '6000': 'Veröffentlichung (öffentliche Auslegung)',
      '7000': 'Feststellungsverfahren',
      '8000': 'Schlussphase',
      '9998': 'Kein Verfahrensschritt' }"/>
  <xsl:variable name="status" as="map(xs:string, xs:string)" select="map {
      '1000': 'Neue Stellungnahme',
      '2000': 'Stellungnahme in Bearbeitung',
      '3000': 'Stellungnahme bearbeitet',
      '4000': 'Schlussmitteilung zur Stellungnahme versendet' }"/>
  <!-- Contact channel (urn:de:xoev:codeliste:erreichbarkeit) to element name; others become "kontakt". -->
  <xsl:variable name="kanal" as="map(xs:string, xs:string)"
                select="map { '01': 'email', '02': 'telefon', '03': 'mobil', '04': 'fax' }"/>
  <!-- artDerRueckmeldung (urn:xoev-de:xleitstelle:codeliste:artderrueckmeldung 1.0). -->
  <xsl:variable name="rueckmeldung" as="map(xs:string, xs:string)" select="map { '1000': 'email', '2000': 'post' }"/>

  <!-- ===== Contribution (Stellungnahme) ===== -->

  <xsl:template match="/xbeteiligung:allgemein.stellungnahme.Neuabgegeben.0701 | /xbeteiligung:allgemein.stellungnahme.Aktualisiert.0702">
    <xsl:variable name="inhalt" select="xbeteiligung:nachrichteninhalt"/>
    <xsl:variable name="s" select="$inhalt/xbeteiligung:stellungnahme"/>
    <beitrag>
      <xsl:call-template name="kennung"/>
      <vorgang>{if (ends-with(local-name(), '.0701')) then 'neu' else 'aktualisiert'}</vorgang>
      <verfahren>
        <xsl:sequence select="f:text('planId', $s/xbeteiligung:planID)"/>
        <xsl:sequence select="f:text('beteiligungsId', $s/xbeteiligung:beteiligungsID)"/>
        <xsl:sequence select="f:text('vorgangsId', $inhalt/xbeteiligung:vorgangsID)"/>
      </verfahren>
      <xsl:sequence select="f:text('beitragId', $s/xbeteiligung:stellungnahmeID)"/>
      <xsl:sequence select="f:code('status', $s/xbeteiligung:status, $status)"/>
      <xsl:sequence select="f:code('beteiligungsphase', $s/xbeteiligung:verfahrensschrittKommunal, $verfahrensschritt)"/>
      <!-- Raumordnung/Planfeststellung steps: their lists are not the city's; passed on as codes. -->
      <xsl:sequence select="f:code('verfahrensschritt', ($s/xbeteiligung:verfahrensschrittRaumordnung, $s/xbeteiligung:verfahrensschrittPlanfeststellung), map {})"/>
      <xsl:sequence select="f:text('durchgang', $s/xbeteiligung:durchgang)"/>
      <xsl:sequence select="f:text('titel', $s/xbeteiligung:titel)"/>
      <xsl:sequence select="f:langtext('beitragstext', $s/xbeteiligung:beschreibung)"/>
      <xsl:sequence select="f:text('eingereicht', $s/xbeteiligung:datum)"/>
      <xsl:sequence select="f:text('uebermittelt', bn-g2g:nachrichtenkopf.g2g/bn-g2g:identifikation.nachricht/bn-g2g:erstellungszeitpunkt)"/>
      <xsl:if test="$s/xbeteiligung:artDerStellungnahme/code = ('1000', '2000')">
        <anonym>{$s/xbeteiligung:artDerStellungnahme/code = '1000'}</anonym>
      </xsl:if>
      <xsl:apply-templates select="$s/xbeteiligung:verfasser"/>
      <xsl:sequence select="f:text('rueckmeldung', $rueckmeldung($s/xbeteiligung:artDerRueckmeldung/code))"/>
      <xsl:if test="$s/xbeteiligung:schlagwort[normalize-space()]">
        <schlagworte>
          <xsl:for-each select="$s/xbeteiligung:schlagwort[normalize-space()]">
            <schlagwort>{normalize-space()}</schlagwort>
          </xsl:for-each>
        </schlagworte>
      </xsl:if>
      <xsl:call-template name="anlagen">
        <xsl:with-param name="anlage" select="$s/xbeteiligung:anlagen/anlage"/>
      </xsl:call-template>
    </beitrag>
  </xsl:template>

  <xsl:template match="xbeteiligung:verfasser">
    <einreicher>
      <privatperson>{xbeteiligung:privatperson = 'true' or xbeteiligung:privatperson = '1'}</privatperson>
      <xsl:sequence select="f:text('titel', xbeteiligung:name/titel)"/>
      <xsl:sequence select="f:text('vorname', xbeteiligung:name/vorname/name)"/>
      <xsl:sequence select="f:text('familienname', xbeteiligung:name/familienname/name)"/>
      <xsl:sequence select="f:text('organisation', xbeteiligung:organisation/xbeteiligung:name)"/>
      <xsl:sequence select="f:text('organisationseinheit', xbeteiligung:organisation/xbeteiligung:organisationseinheit)"/>
      <xsl:apply-templates select="xbeteiligung:anschrift"/>
      <xsl:for-each select="xbeteiligung:kommunikation[normalize-space(kennung)]">
        <xsl:element name="{($kanal(string(kanal/code)), 'kontakt')[1]}">{normalize-space(kennung)}</xsl:element>
      </xsl:for-each>
    </einreicher>
  </xsl:template>

  <xsl:template match="xbeteiligung:anschrift">
    <anschrift>
      <xsl:sequence select="f:text('strasse', (strasse, strasseHausnummer)[normalize-space()][1])"/>
      <xsl:sequence select="f:text('hausnummer', hausnummer)"/>
      <xsl:sequence select="f:text('postfach', postfach)"/>
      <xsl:sequence select="f:text('postleitzahl', postleitzahl)"/>
      <xsl:sequence select="f:text('ort', ort)"/>
      <xsl:sequence select="f:text('ortsteil', ortsteil)"/>
      <xsl:sequence select="f:text('zusatz', zusatz)"/>
    </anschrift>
  </xsl:template>

  <!-- ===== Participation procedure (Beteiligungsverfahren) ===== -->

  <xsl:template match="/xbeteiligung:kommunal.Initiieren.0401 | /xbeteiligung:kommunal.Aktualisieren.0402">
    <xsl:variable name="inhalt" select="xbeteiligung:nachrichteninhalt"/>
    <xsl:variable name="b" select="$inhalt/xbeteiligung:beteiligung"/>
    <beteiligungsverfahren>
      <xsl:call-template name="kennung"/>
      <vorgang>{if (ends-with(local-name(), '.0401')) then 'eingeleitet' else 'aktualisiert'}</vorgang>
      <xsl:sequence select="f:text('planId', $b/xbeteiligung:planID)"/>
      <xsl:sequence select="f:text('vorgangsId', $inhalt/xbeteiligung:vorgangsID)"/>
      <xsl:sequence select="f:text('planname', $b/xbeteiligung:planname)"/>
      <xsl:sequence select="f:text('arbeitstitel', $b/xbeteiligung:arbeitstitel)"/>
      <xsl:sequence select="f:code('planart', $b/xbeteiligung:planartKommunal, map {})"/>
      <xsl:sequence select="f:code('verfahrensschritt', $b/xbeteiligung:verfahrensschrittKommunal, $verfahrensschritt)"/>
      <xsl:sequence select="f:code('verfahrensart', $b/xbeteiligung:verfahrensartKommunal, map {})"/>
      <xsl:sequence select="f:text('veranlasser', $b/xbeteiligung:akteurVorhaben/xbeteiligung:veranlasser/name/name)"/>
      <xsl:sequence select="f:langtext('planungsanlass', $b/xbeteiligung:beschreibungPlanungsanlass)"/>
      <xsl:sequence select="f:langtext('raeumlicheBeschreibung', $b/xbeteiligung:raeumlicheBeschreibung)"/>
      <xsl:sequence select="f:text('beteiligungUrl', $b/xbeteiligung:beteiligungURL)"/>
      <xsl:apply-templates select="$b/xbeteiligung:beteiligungOeffentlichkeit, $b/xbeteiligung:beteiligungTOEB"/>
    </beteiligungsverfahren>
  </xsl:template>

  <xsl:template match="xbeteiligung:beteiligungOeffentlichkeit | xbeteiligung:beteiligungTOEB">
    <xsl:variable name="art" select="(xbeteiligung:beteiligungKommunalOeffentlichkeitArt, xbeteiligung:beteiligungKommunalTOEBArt)/*"/>
    <beteiligung zielgruppe="{if (self::xbeteiligung:beteiligungOeffentlichkeit) then 'oeffentlichkeit' else 'toeb'}">
      <xsl:sequence select="f:text('beteiligungsId', xbeteiligung:beteiligungsID)"/>
      <xsl:choose>
        <xsl:when test="$art[self::xbeteiligung:beteiligungKommunalFormalOeffentlichkeit or self::xbeteiligung:beteiligungKommunalFormalTOEB]">
          <xsl:sequence select="f:code('beteiligungsphase', $art, $verfahrensschritt)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="f:code('informell', $art, map {})"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:sequence select="f:text('durchgang', xbeteiligung:durchgang)"/>
      <xsl:sequence select="f:text('bekanntmachung', xbeteiligung:bekanntmachung)"/>
      <xsl:sequence select="f:text('beginn', xbeteiligung:zeitraum/xbeteiligung:beginn)"/>
      <xsl:sequence select="f:text('ende', xbeteiligung:zeitraum/xbeteiligung:ende)"/>
      <xsl:for-each select="xbeteiligung:aktuelleMitteilung">
        <xsl:sequence select="f:langtext('mitteilung', .)"/>
      </xsl:for-each>
      <xsl:call-template name="anlagen">
        <xsl:with-param name="anlage" select="xbeteiligung:anlagen/anlage"/>
      </xsl:call-template>
    </beteiligung>
  </xsl:template>

  <!-- ===== Shared parts ===== -->

  <!-- The hub's ids and the message type by the root element's number. -->
  <xsl:template name="kennung">
    <trackingId>{$trackingId}</trackingId>
    <messageId>{$messageId}</messageId>
    <nachrichtentyp>{tokenize(local-name(/*), '\.')[last()]}</nachrichtentyp>
  </xsl:template>

  <xsl:template name="anlagen">
    <xsl:param name="anlage" as="element()*"/>
    <xsl:if test="$anlage">
      <anlagen>
        <xsl:for-each select="$anlage">
          <xsl:variable name="anhang" select="anhangOderVerlinkung/xbeteiligung:anhang"/>
          <anlage>
            <xsl:sequence select="f:text('bezeichnung', bezeichnung)"/>
            <xsl:sequence select="f:text('datum', datum)"/>
            <xsl:sequence select="f:code('art', anlageart, map {})"/>
            <xsl:sequence select="f:text('mimeType', mimeType/code)"/>
            <xsl:sequence select="f:text('dokumentId', $anhang/dokumentid)"/>
            <xsl:sequence select="f:text('dateiname', $anhang/dateiname)"/>
            <xsl:sequence select="f:text('groesse', $anhang/@filesize)"/>
            <xsl:sequence select="f:text('sha256', $anhang/@hashValue)"/>
            <xsl:sequence select="f:text('link', anhangOderVerlinkung/xbeteiligung:uriVerlinkung)"/>
            <!-- An inline (base64) document is not copied: the planning system fetches attachments separately. -->
            <xsl:if test="normalize-space(xbeteiligung:dokument)">
              <eingebettet>true</eingebettet>
            </xsl:if>
          </anlage>
        </xsl:for-each>
      </anlagen>
    </xsl:if>
  </xsl:template>

  <!-- An element with the (whitespace-normalized) text of the first non-empty value; nothing when there is none. -->
  <xsl:function name="f:text" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:variable name="value" select="($values ! normalize-space(string(.)))[. ne ''][1]"/>
    <xsl:if test="exists($value)">
      <xsl:element name="{$name}" namespace="urn:de:stuttgart:planung:beteiligung:1">{$value}</xsl:element>
    </xsl:if>
  </xsl:function>

  <!-- Like f:text for free text: only leading and trailing whitespace is removed, line breaks inside stay. -->
  <xsl:function name="f:langtext" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:variable name="value" select="($values ! replace(string(.), '^\s+|\s+$', ''))[. ne ''][1]"/>
    <xsl:if test="exists($value)">
      <xsl:element name="{$name}" namespace="urn:de:stuttgart:planung:beteiligung:1">{$value}</xsl:element>
    </xsl:if>
  </xsl:function>

  <!-- A code element: @code, and as text the instance's name or else the description from the map. -->
  <xsl:function name="f:code" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="codes" as="element()*"/>
    <xsl:param name="descriptions" as="map(xs:string, xs:string)"/>
    <xsl:variable name="c" select="$codes[normalize-space(code)][1]"/>
    <xsl:if test="exists($c)">
      <xsl:variable name="code" select="normalize-space($c/code)"/>
      <xsl:element name="{$name}" namespace="urn:de:stuttgart:planung:beteiligung:1">
        <xsl:attribute name="code" select="$code"/>
        <xsl:sequence select="(normalize-space($c/name)[. ne ''], $descriptions($code))[1]"/>
      </xsl:element>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
