package de.amtsbote.xoev;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A connector's code lists, from OASIS genericode 1.0 files (as XRepository publishes them), keeping of each only
 * its identification and its key values. A message's XÖV code values are checked against them while its schema
 * validates it ({@link SchemaValidator#validate(javax.xml.validation.Schema, CodeLists, byte[])}), so that
 * {@code listURI}/{@code listVersionID} fixed or defaulted by the schema count.
 */
public final class CodeLists {

    static final String GENERICODE = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";

    private static final CodeLists NONE = new CodeLists(Map.of());

    /** CanonicalUri, then Version (sorted, for the message naming the known ones). */
    private final Map<String, TreeMap<String, CodeList>> lists;

    private CodeLists(Map<String, TreeMap<String, CodeList>> lists) {
        this.lists = lists;
    }

    public static CodeLists none() {
        return NONE;
    }

    /**
     * Reads genericode files (any encoding their XML declaration names, e.g. ISO-8859-1) with the hub's hardened
     * StAX parser.
     *
     * @throws IOException naming the file, when it cannot be read, is not genericode 1.0, has no single-column key,
     *                     or repeats a list version another file has
     */
    public static CodeLists load(List<Path> files) throws IOException {
        Map<String, TreeMap<String, CodeList>> lists = new HashMap<>();
        Map<List<String>, Path> origins = new HashMap<>();
        for (Path file : files) {
            CodeList list = read(file);
            Path earlier = origins.putIfAbsent(List.of(list.uri(), list.version()), file);
            if (earlier != null) {
                throw new IOException(file + ": code list " + list.uri() + " version " + list.version()
                        + " is already loaded from " + earlier);
            }
            lists.computeIfAbsent(list.uri(), uri -> new TreeMap<>()).put(list.version(), list);
        }
        return new CodeLists(lists);
    }

    /** A handler for the schema validator's output: it collects the problems of the message's code values. */
    Check check() {
        return new Check();
    }

    /** One version of one code list: its identification and its key values. */
    private record CodeList(String shortName, String uri, String version, Set<String> keys) {
    }

    private static CodeList read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = SecureXml.rejectingDoctype(SecureXml.inputFactory().createXMLStreamReader(in));
            try {
                return new GenericodeReader(file, reader).read();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": not readable as XML: " + e.getMessage(), e);
        }
    }

    /**
     * Streams through one file, so that lists of several megabytes cost only their keys. Below the root, genericode
     * 1.0 elements are unqualified; their local names are compared.
     */
    private static final class GenericodeReader {

        private final Path file;
        private final XMLStreamReader reader;
        private final List<String> path = new ArrayList<>();
        private final List<String> columns = new ArrayList<>();
        private final List<String> keyColumns = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();
        private String shortName;
        private String version;
        private String uri;
        private int keysSeen;
        private int keyColumn = -1;
        private int valueColumn;

        GenericodeReader(Path file, XMLStreamReader reader) {
            this.file = file;
            this.reader = reader;
        }

        CodeList read() throws XMLStreamException, IOException {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (path.isEmpty() && !(GENERICODE.equals(reader.getNamespaceURI()) && "CodeList".equals(reader.getLocalName()))) {
                        throw new IOException(file + " is not an OASIS genericode 1.0 code list (root element {"
                                + reader.getNamespaceURI() + "}" + reader.getLocalName() + ")");
                    }
                    String at = String.join("/", path) + "/" + reader.getLocalName();
                    if (!startElement(at)) {
                        path.add(reader.getLocalName());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.remove(path.size() - 1);
                }
            }
            if (uri == null || uri.isEmpty() || version == null || version.isEmpty()) {
                throw new IOException(file + ": a code list needs Identification/CanonicalUri and Identification/Version");
            }
            if (keyColumn < 0) {
                keyColumn(); // a list without rows still needs a usable key
            }
            return new CodeList(shortName == null ? uri : shortName, uri, version, Set.copyOf(keys));
        }

        /** Takes what a check needs from an element; true when it read the element to its end. */
        private boolean startElement(String at) throws XMLStreamException, IOException {
            switch (at) {
                case "CodeList/Identification/ShortName" -> shortName = reader.getElementText().strip();
                case "CodeList/Identification/Version" -> version = reader.getElementText().strip();
                case "CodeList/Identification/CanonicalUri" -> uri = reader.getElementText().strip();
                case "CodeList/ColumnSet/Column" -> columns.add(reader.getAttributeValue(null, "Id"));
                case "CodeList/ColumnSet/Key" -> keysSeen++;
                case "CodeList/ColumnSet/Key/ColumnRef" -> {
                    if (keysSeen == 1) { // the first key is the one codes are looked up by
                        keyColumns.add(reader.getAttributeValue(null, "Ref"));
                    }
                }
                case "CodeList/SimpleCodeList/Row" -> {
                    if (keyColumn < 0) {
                        keyColumn = keyColumn();
                    }
                    valueColumn = -1;
                }
                case "CodeList/SimpleCodeList/Row/Value" -> {
                    // without ColumnRef a value belongs to the column after the previous value's (genericode 1.0)
                    String ref = reader.getAttributeValue(null, "ColumnRef");
                    valueColumn = ref == null ? valueColumn + 1 : columns.indexOf(ref);
                }
                case "CodeList/SimpleCodeList/Row/Value/SimpleValue" -> {
                    String value = reader.getElementText();
                    if (valueColumn == keyColumn) {
                        keys.add(value.strip());
                    }
                }
                default -> {
                    return false;
                }
            }
            return reader.getEventType() == XMLStreamConstants.END_ELEMENT;
        }

        private int keyColumn() throws IOException {
            if (keyColumns.size() != 1) {
                throw new IOException(file + (keyColumns.isEmpty()
                        ? ": no key column (ColumnSet/Key/ColumnRef; an external ColumnSetRef is not supported)"
                        : ": its key has " + keyColumns.size() + " columns; only single-column keys are supported"));
            }
            int index = columns.indexOf(keyColumns.get(0));
            if (index < 0) {
                throw new IOException(file + ": key column '" + keyColumns.get(0) + "' is not a Column of its ColumnSet");
            }
            return index;
        }
    }

    /**
     * Follows the schema validator's output (attributes as the schema completed them, defaults and fixed values
     * included): an element whose {@code listURI} names a loaded list is looked up by that and its
     * {@code listVersionID}, and the text of its child {@code code} (any namespace) must be one of that version's
     * keys. Elements with other {@code listURI}s are not checked.
     */
    final class Check extends DefaultHandler {

        private final List<XmlProblem> problems = new ArrayList<>();
        /** One entry per open element: the list its {@code code} child is checked against, or null. */
        private final List<CodeList> open = new ArrayList<>();
        private Locator locator;
        private CodeList codeList;
        private StringBuilder code;
        private int codeDepth;
        private int codeLine;
        private int codeColumn;

        List<XmlProblem> problems() {
            return problems;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            CodeList parent = open.isEmpty() ? null : open.get(open.size() - 1);
            if (parent != null && code == null && "code".equals(localName)) {
                codeList = parent;
                code = new StringBuilder();
                codeDepth = open.size();
                codeLine = locator.getLineNumber();
                codeColumn = locator.getColumnNumber();
            }
            open.add(listFor(attributes));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (code != null) {
                code.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.remove(open.size() - 1);
            if (code != null && open.size() == codeDepth) {
                String value = code.toString().strip();
                if (!codeList.keys().contains(value)) {
                    report(codeLine, codeColumn, "code '" + value + "' is not in code list " + codeList.shortName()
                            + " (" + codeList.uri() + ", version " + codeList.version() + ")");
                }
                code = null;
            }
        }

        private CodeList listFor(Attributes attributes) {
            String listUri = attributes.getValue("", "listURI");
            TreeMap<String, CodeList> versions = listUri == null ? null : lists.get(listUri.strip());
            if (versions == null) {
                return null;
            }
            String version = attributes.getValue("", "listVersionID");
            CodeList list = version == null ? null : versions.get(version.strip());
            if (list == null) {
                report(locator.getLineNumber(), locator.getColumnNumber(), "code list " + listUri.strip() + " version "
                        + (version == null ? "(none)" : version.strip()) + " is not known; known: "
                        + String.join(", ", versions.keySet()));
            }
            return list;
        }

        private void report(int line, int column, String message) {
            if (problems.size() < SchemaValidator.MAX_REPORTED) {
                problems.add(new XmlProblem(line, column, message));
            }
        }
    }
}
