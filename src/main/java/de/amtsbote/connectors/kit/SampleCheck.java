package de.amtsbote.connectors.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.ConnectorDefinition;
import de.amtsbote.connectors.Connectors;
import de.amtsbote.connectors.Payload;
import de.amtsbote.xoev.HeaderExtractor;
import de.amtsbote.xoev.InvalidMessageException;
import de.amtsbote.xoev.MalformedXmlException;
import de.amtsbote.xoev.SchematronViolationException;
import de.amtsbote.xoev.UnknownCodeException;
import de.amtsbote.xoev.UnsupportedMessageException;
import de.amtsbote.xoev.XmlProblem;
import de.amtsbote.xoev.XoevHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a connector's samples as the hub would take them: header, connector choice, schema, code lists, rules and
 * mapping. A valid sample ({@code samples/<name>.xml}) must be accepted and mapped to exactly its expected output
 * ({@code <name>.expected.xml} or {@code .json}); an invalid one ({@code samples/invalid/<name>.xml}) must be refused
 * with every problem its {@code <name>.errors} lists ({@code <kind> <line>:<column> <text>}, column may be *).
 */
public final class SampleCheck {

    /** The tracking id every expected output is written with; the message id is the sample's own. */
    public static final String TRACKING_ID = "00000000-0000-4000-8000-000000000000";
    static final String SAMPLES = "samples";
    static final String INVALID = "invalid";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Connectors connectors;
    private final HeaderExtractor headers;
    private final boolean update;

    /** @param update write missing or differing expected outputs instead of failing on them */
    public SampleCheck(Connectors connectors, boolean update) {
        this.connectors = connectors;
        this.headers = new HeaderExtractor(namespace -> connectors.profilesByNamespace().get(namespace));
        this.update = update;
    }

    public List<SampleResult> run(Connector connector) {
        Path folder = connector.file().getParent().resolve(SAMPLES);
        List<SampleResult> results = new ArrayList<>();
        for (Path sample : xmlFiles(folder)) {
            results.add(valid(connector, sample));
        }
        for (Path sample : xmlFiles(folder.resolve(INVALID))) {
            results.add(invalid(connector, sample));
        }
        if (results.stream().noneMatch(result -> !result.sample().startsWith(INVALID))) {
            results.add(SampleResult.fail(connector.id(), SAMPLES + "/", "no valid sample: every connector ships at least one"));
        }
        return results;
    }

    private SampleResult valid(Connector connector, Path sample) {
        String name = relative(connector, sample);
        try {
            byte[] xml = Files.readAllBytes(sample);
            XoevHeader header = headers.extract(new ByteArrayInputStream(xml));
            Connector chosen = connectors.byRoot().get(header.root());
            if (chosen != connector) {
                return SampleResult.fail(connector.id(), name, "its root " + header.root() + " is taken by "
                        + (chosen == null ? "no connector" : "connector " + chosen.id()));
            }
            connector.validate(xml);
            Payload payload = connector.map(xml, TRACKING_ID, header.messageId());
            return compare(connector, name, expectedFile(connector, sample), payload);
        } catch (MalformedXmlException | InvalidMessageException | UnsupportedMessageException refused) {
            return SampleResult.fail(connector.id(), name, "refused, but it is a valid sample:\n" + problems(refused));
        } catch (Exception e) {
            return SampleResult.fail(connector.id(), name, "could not be mapped: " + e);
        }
    }

    private SampleResult compare(Connector connector, String name, Path expectedFile, Payload payload) throws IOException {
        boolean json = payload.contentType().endsWith("json");
        String actual = json ? JSON.writeValueAsString(JSON.readTree(payload.content()))
                : new String(payload.content(), StandardCharsets.UTF_8);
        if (!Files.exists(expectedFile) || update && !matches(expectedFile, actual, json)) {
            if (update) {
                Files.writeString(expectedFile, actual.endsWith("\n") ? actual : actual + "\n");
                return SampleResult.pass(connector.id(), name + " (expected output written: " + expectedFile.getFileName() + ")");
            }
            return SampleResult.fail(connector.id(), name, "no expected output " + expectedFile.getFileName()
                    + " beside it; run the kit with -Dconnector.update=true to write it, then review it");
        }
        if (matches(expectedFile, actual, json)) {
            return SampleResult.pass(connector.id(), name);
        }
        String expected = Files.readString(expectedFile);
        if (json) {
            expected = JSON.writeValueAsString(JSON.readTree(expected));
        }
        return SampleResult.fail(connector.id(), name, "the mapping's output differs from " + expectedFile.getFileName()
                + ":\n" + TextDiff.of(normalized(expected), normalized(actual)));
    }

    private static boolean matches(Path expectedFile, String actual, boolean json) throws IOException {
        String expected = Files.readString(expectedFile);
        if (json) {
            JsonNode tree = JSON.readTree(expected);
            return tree.equals(JSON.readTree(actual));
        }
        return normalized(expected).equals(normalized(actual));
    }

    private SampleResult invalid(Connector connector, Path sample) {
        String name = relative(connector, sample);
        Path errorsFile = sample.resolveSibling(sample.getFileName().toString().replaceFirst("\\.xml$", ".errors"));
        if (!Files.exists(errorsFile)) {
            return SampleResult.fail(connector.id(), name, "no " + errorsFile.getFileName()
                    + " beside it naming the problems it must produce");
        }
        List<Expected> expected;
        try {
            expected = Expected.read(errorsFile);
        } catch (IllegalArgumentException | IOException e) {
            return SampleResult.fail(connector.id(), name, errorsFile.getFileName() + ": " + e.getMessage());
        }
        List<Found> found;
        try {
            byte[] xml = Files.readAllBytes(sample);
            XoevHeader header = headers.extract(new ByteArrayInputStream(xml));
            Connector chosen = connectors.byRoot().get(header.root());
            if (chosen != connector) {
                throw new UnsupportedMessageException(header.root(), "its root is taken by "
                        + (chosen == null ? "no connector" : "connector " + chosen.id()));
            }
            connector.validate(xml);
            return SampleResult.fail(connector.id(), name, "accepted, but it must be refused with:\n" + Expected.describe(expected));
        } catch (MalformedXmlException | InvalidMessageException | UnsupportedMessageException refused) {
            found = Found.of(refused);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Expected> missing = expected.stream().filter(e -> found.stream().noneMatch(e::matches)).toList();
        if (missing.isEmpty()) {
            return SampleResult.pass(connector.id(), name);
        }
        return SampleResult.fail(connector.id(), name, "refused, but not with\n" + Expected.describe(missing)
                + "it produced:\n" + found.stream().map(Found::toString).collect(Collectors.joining("\n")));
    }

    private static Path expectedFile(Connector connector, Path sample) {
        ConnectorDefinition.MappingDefinition mapping = connector.definition().mapping();
        String extension = mapping != null && mapping.output() == ConnectorDefinition.Output.JSON ? ".json" : ".xml";
        return sample.resolveSibling(sample.getFileName().toString().replaceFirst("\\.xml$", ".expected" + extension));
    }

    /** Line endings and the final newline are the editor's business, not the mapping's. */
    private static String normalized(String text) {
        return text.replace("\r\n", "\n").stripTrailing();
    }

    private static String problems(RuntimeException refused) {
        return Found.of(refused).stream().map(Found::toString).collect(Collectors.joining("\n"));
    }

    private static String relative(Connector connector, Path sample) {
        return connector.file().getParent().relativize(sample).toString().replace('\\', '/').replaceFirst("^samples/", "");
    }

    private static List<Path> xmlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".xml") && !name.contains(".expected.");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem the hub reported, with the kind a {@code .errors} file names. */
    record Found(String kind, XmlProblem problem) {

        static List<Found> of(RuntimeException refused) {
            String kind = refused instanceof MalformedXmlException ? "malformed"
                    : refused instanceof SchematronViolationException ? "schematron"
                    : refused instanceof UnknownCodeException ? "code-list"
                    : refused instanceof InvalidMessageException ? "schema"
                    : "unsupported";
            List<XmlProblem> problems = refused instanceof MalformedXmlException malformed ? malformed.problems()
                    : refused instanceof InvalidMessageException invalid ? invalid.problems()
                    : List.of(new XmlProblem(-1, -1, refused.getMessage()));
            return problems.stream().map(problem -> new Found(kind, problem)).toList();
        }

        @Override
        public String toString() {
            return "  " + kind + " " + problem.line() + ":" + problem.column() + " " + problem.message();
        }
    }

    /** One line of a {@code .errors} file. */
    record Expected(String kind, int line, Integer column, String text) {

        static List<Expected> read(Path file) throws IOException {
            List<Expected> expected = new ArrayList<>();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 3);
                if (parts.length < 3 || !parts[1].matches("\\d+:(\\d+|\\*)")) {
                    throw new IllegalArgumentException("'" + line + "' is not <kind> <line>:<column> <text>");
                }
                if (!List.of("malformed", "schema", "schematron", "code-list", "unsupported").contains(parts[0])) {
                    throw new IllegalArgumentException("unknown kind '" + parts[0] + "' (malformed, schema, schematron, code-list, unsupported)");
                }
                String[] position = parts[1].split(":");
                expected.add(new Expected(parts[0], Integer.parseInt(position[0]),
                        "*".equals(position[1]) ? null : Integer.valueOf(position[1]), parts[2]));
            }
            if (expected.isEmpty()) {
                throw new IllegalArgumentException("names no problem");
            }
            return expected;
        }

        boolean matches(Found found) {
            return kind.equals(found.kind()) && line == found.problem().line()
                    && (column == null || column == found.problem().column())
                    && found.problem().message().contains(text);
        }

        static String describe(List<Expected> expected) {
            return expected.stream().map(e -> "  " + e.kind + " " + e.line + ":" + (e.column == null ? "*" : e.column)
                    + " " + e.text + "\n").collect(Collectors.joining());
        }
    }
}
