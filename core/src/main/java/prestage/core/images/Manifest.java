package prestage.core.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import prestage.core.client.Client;
import prestage.core.client.ClientFiles;
import prestage.core.client.ClientPath;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import prestage.core.BadInputException;

/**
 * The record of what a store holds. {@value #SUMS} is exactly what {@code sha256sum -c} reads, so anyone can
 * check a store without prestage; {@value #SIDECAR} beside it keeps what that format has no room for: sizes,
 * times, checkpoints (the SHA-256 of each 64 MiB-aligned prefix) and sources. The sums file is the authority: a sidecar entry whose hash disagrees with
 * it is stale and ignored. Names are unique without regard to case, as on Windows.
 */
final class Manifest {
    static final String SUMS = "SHA256SUMS";
    static final String SIDECAR = "SHA256SUMS.prestage.json";
    static final String FORMAT = "prestage-manifest 1";
    /** A manifest of a few thousand images is well under this; a bigger file is not a manifest. */
    private static final int MAX_BYTES = 64 << 20;

    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) ([ *])(.*)");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] HEAD = ("{\"format\":\"" + FORMAT + "\",\"algorithm\":\"SHA-256\",\"files\":{").getBytes(StandardCharsets.UTF_8);

    private final Map<String, ManifestEntry> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final boolean present;
    private final List<String> staleDetails = new ArrayList<>();

    private Manifest(boolean present) {
        this.present = present;
    }

    static Manifest empty() {
        return new Manifest(false);
    }

    /** Whether the folder had a {@value #SUMS} file. */
    boolean present() {
        return present;
    }

    Optional<ManifestEntry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    Collection<ManifestEntry> entries() {
        return entries.values();
    }

    /** Names whose sidecar details were dropped because the sums file gives another hash. */
    List<String> staleDetails() {
        return List.copyOf(staleDetails);
    }

    synchronized void put(ManifestEntry entry) {
        entries.remove(entry.name()); // a name that differs only in case is the same file: take the new spelling
        entries.put(entry.name(), entry);
    }

    // ---- reading

    /**
     * @param show how a path appears in messages (the client's notation)
     * @throws BadInputException when either file is unreadable as a manifest; the message names file, line and remedy
     */
    static Manifest load(Client client, ClientPath dir) throws IOException {
        ClientPath sums = dir.resolve(SUMS);
        Optional<byte[]> sumsBytes = ClientFiles.read(client, sums, MAX_BYTES);
        if (sumsBytes.isEmpty()) return empty();
        var manifest = new Manifest(true);
        var lines = readLines(sums, sumsBytes.get());
        var lineOf = new TreeMap<String, Integer>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) continue;
            String where = sums + " line " + (i + 1);
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new BadInputException(where + " is not a checksum line ('" + abbreviate(line) + "'): each line is 64 hex digits, "
                        + "two spaces and a file name; fix the line, or delete " + SUMS + " and push again");
            }
            String name = m.group(3);
            requireLocalName(name, where);
            Integer earlier = lineOf.put(name, i + 1);
            if (earlier != null) {
                throw new BadInputException(where + " lists '" + name + "' again (first on line " + earlier
                        + "; Windows does not tell names apart by case); keep one of the two lines");
            }
            manifest.entries.put(name, ManifestEntry.plain(name, m.group(1).toLowerCase(Locale.ROOT)));
        }
        ClientPath sidecar = dir.resolve(SIDECAR);
        Optional<byte[]> sidecarBytes = ClientFiles.read(client, sidecar, MAX_BYTES);
        if (sidecarBytes.isPresent()) manifest.mergeSidecar(sidecar, sidecarBytes.get());
        return manifest;
    }

    private static List<String> readLines(ClientPath file, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.lines().toList(); // as readAllLines: \n, \r\n or \r end a line
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(file + " is not UTF-8 text (is it a checksum list?); delete it and push again");
        }
    }

    /** A manifest names files in its own folder, nothing else: no folders, no way out with '..'. */
    private static void requireLocalName(String name, String where) {
        if (name.startsWith("\\")) {
            throw new BadInputException(where + ": escaped names (a line starting with '\\') are not valid image names; fix the line");
        }
        if (name.equals("..") || name.equals(".") || name.contains("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new BadInputException(where + ": '" + ImageNames.printable(name) + "' is not a file name in this folder (a manifest may not point into "
                    + "other folders); fix the line, or delete the manifest and push again");
        }
        if (name.isBlank()) throw new BadInputException(where + ": the file name is empty; fix the line");
    }

    private void mergeSidecar(ClientPath sidecar, byte[] bytes) throws IOException {
        String where = sidecar.toString();
        String remedy = "; delete " + SIDECAR + " and push again (push re-hashes what it needs)";
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(where + " is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")") + remedy);
        }
        if (root == null || !root.isObject()) throw new BadInputException(where + " does not hold a JSON object" + remedy);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException(where + ": unknown format '" + root.path("format").asText() + "' (expected '" + FORMAT + "')" + remedy);
        }
        JsonNode files = root.path("files");
        if (!files.isObject()) throw new BadInputException(where + ": no \"files\" object" + remedy);
        for (var it = files.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            String at = where + " entry '" + ImageNames.printable(name) + "'";
            requireLocalName(name, at);
            JsonNode e = field.getValue();
            String sha = hex(e, "sha256", at, remedy);
            var details = details(e, at, remedy);
            if (!details.checkpoints().isEmpty() && !details.checkpoints().get(details.checkpoints().size() - 1).equals(sha)) {
                throw new BadInputException(at + ": the last checkpoint is not the file's sha256" + remedy);
            }
            ManifestEntry listed = entries.get(name);
            if (listed == null) continue; // the sums file is the authority; this entry was dropped from it
            if (!listed.sha256().equals(sha) || !listed.name().equals(name)) {
                staleDetails.add(listed.name());
                continue;
            }
            entries.put(name, new ManifestEntry(listed.name(), sha, Optional.of(details)));
        }
    }

    private static ManifestEntry.Details details(JsonNode e, String at, String remedy) {
        long size = number(e, "size", at, remedy);
        long chunkSize = number(e, "chunkSize", at, remedy);
        if (chunkSize <= 0) throw new BadInputException(at + ": chunkSize must be positive" + remedy);
        Instant modified = instant(e, "modified", at, remedy);
        JsonNode checkpoints = e.path("checkpoints");
        if (!checkpoints.isArray() || checkpoints.size() != ManifestEntry.Details.chunkCount(size, chunkSize)) {
            throw new BadInputException(at + ": \"checkpoints\" must list " + ManifestEntry.Details.chunkCount(size, chunkSize)
                    + " hashes for " + size + " bytes" + remedy);
        }
        var hashes = new ArrayList<String>();
        for (JsonNode c : checkpoints) {
            if (!c.isTextual() || !HEX64.matcher(c.asText()).matches()) {
                throw new BadInputException(at + ": a checkpoint is not 64 lower-case hex digits" + remedy);
            }
            hashes.add(c.asText());
        }
        var chunks = new ArrayList<String>();
        JsonNode chunkList = e.path("chunks");
        if (!chunkList.isMissingNode()) {
            if (!chunkList.isArray() || chunkList.size() != ManifestEntry.Details.chunkCount(size, chunkSize)) {
                throw new BadInputException(at + ": \"chunks\" must list " + ManifestEntry.Details.chunkCount(size, chunkSize)
                        + " hashes for " + size + " bytes" + remedy);
            }
            for (JsonNode c : chunkList) {
                if (!c.isTextual() || !HEX64.matcher(c.asText()).matches()) {
                    throw new BadInputException(at + ": a chunk hash is not 64 lower-case hex digits" + remedy);
                }
                chunks.add(c.asText());
            }
        }
        Optional<ManifestEntry.SourceStamp> source = Optional.empty();
        JsonNode s = e.path("source");
        if (s.isObject()) {
            source = Optional.of(new ManifestEntry.SourceStamp(s.path("path").asText(""), number(s, "size", at + " source", remedy),
                    instant(s, "modified", at + " source", remedy)));
        }
        return new ManifestEntry.Details(size, modified, chunkSize, hashes, chunks, source);
    }

    private static String hex(JsonNode e, String field, String at, String remedy) {
        String v = e.path(field).asText("");
        if (!HEX64.matcher(v).matches()) throw new BadInputException(at + ": \"" + field + "\" is not 64 lower-case hex digits" + remedy);
        return v;
    }

    private static long number(JsonNode e, String field, String at, String remedy) {
        JsonNode v = e.path(field);
        if (!v.isIntegralNumber() || v.asLong() < 0) throw new BadInputException(at + ": \"" + field + "\" must be a whole number >= 0" + remedy);
        return v.asLong();
    }

    private static Instant instant(JsonNode e, String field, String at, String remedy) {
        try {
            return Instant.parse(e.path(field).asText(""));
        } catch (DateTimeParseException x) {
            throw new BadInputException(at + ": \"" + field + "\" is not a time such as 2024-01-31T12:00:00Z" + remedy);
        }
    }

    private static String abbreviate(String line) {
        String p = ImageNames.printable(line);
        return p.length() > 60 ? p.substring(0, 57) + "..." : p;
    }

    // ---- writing

    /**
     * Writes the sidecar, then the sums file: the sums file is the commit point, a stale sidecar entry is ignored. Both
     * are written as they are made, never held whole: at 20,000 files the sidecar is 9 MB.
     */
    synchronized void save(Client client, ClientPath dir) throws IOException {
        client.writeAtomically(dir.resolve(SIDECAR), this::writeSidecar);
        client.writeAtomically(dir.resolve(SUMS), this::writeSums);
    }

    /** Text mode ("two spaces"), LF, sorted: what {@code sha256sum} prints, so the file diffs cleanly against its output. */
    private void writeSums(java.io.OutputStream out) throws IOException {
        for (var e : entries.values()) out.write((e.sha256() + "  " + e.name() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The sums file's text, as {@link #save} writes it. */
    synchronized String sumsText() {
        var out = new java.io.ByteArrayOutputStream();
        try {
            writeSums(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One line per file, no indentation: the sidecar of thousands of files stays a few bytes per hash. */
    private void writeSidecar(java.io.OutputStream out) throws IOException {
        out.write(HEAD);
        boolean first = true;
        for (var e : entries.values()) {
            if (e.details().isEmpty()) continue;
            out.write(first ? '\n' : ',');
            if (!first) out.write('\n');
            first = false;
            out.write(fragment(e));
        }
        out.write("\n}}\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fragment(ManifestEntry e) {
        var d = e.details().orElseThrow();
        var sb = new StringBuilder(256 + 70 * (d.checkpoints().size() + d.chunks().size()));
        quoted(sb, e.name()).append(":{\"sha256\":\"").append(e.sha256()).append("\",\"size\":").append(d.size())
                .append(",\"modified\":\"").append(d.modified()).append("\",\"chunkSize\":").append(d.chunkSize());
        list(sb.append(",\"checkpoints\":"), d.checkpoints());
        if (!d.chunks().isEmpty()) list(sb.append(",\"chunks\":"), d.chunks());
        d.source().ifPresent(src -> quoted(sb.append(",\"source\":{\"path\":"), src.path()).append(",\"size\":").append(src.size())
                .append(",\"modified\":\"").append(src.modified()).append("\"}"));
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder quoted(StringBuilder sb, String text) {
        return sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }

    private static void list(StringBuilder sb, List<String> hexes) {
        sb.append('[');
        for (int i = 0; i < hexes.size(); i++) sb.append(i == 0 ? "\"" : ",\"").append(hexes.get(i)).append('"');
        sb.append(']');
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
