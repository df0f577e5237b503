package prestage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A command's own document passes through token by token instead of through a tree; what comes out must be what the
 * tree would have written, and a document that lacks what the contract adds still gets it.
 */
class JsonContractTest {
    private static final ObjectMapper TREE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // document the command wrote                                                     | exit | error      | expected fields
            "{\"exitCode\":0,\"steps\":[{\"a\":1.5e3,\"b\":[true,null,\"\\u00e9\\n\"]}],\"n\":-7} | 0    |            | exitCode=0",
            "{\"exitCode\":1,\"error\":\"it broke\",\"x\":{}}                                     | 1    | disk full  | error=it broke",
            "{\"steps\":[]}                                                                      | 3    |            | exitCode=3",
            "{\"exitCode\":2}                                                                    | 2    | bad value  | error=bad value",
    })
    void writesWhatTheTreeWouldWithTheContractsFields(String doc, int exit, String error, String expected) throws Exception {
        String out = JsonContract.document("\n" + doc.strip() + "\n", exit, error);
        var node = TREE.readTree(doc.strip());
        if (!node.has("exitCode")) ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("exitCode", exit);
        if (error != null && !node.has("error") && exit != 0) ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("error", error);
        assertEquals(TREE.writeValueAsString(node), out);
        String[] field = expected.split("=", 2);
        assertEquals(field[1], TREE.readTree(out).get(field[0]).asText());
    }

    /** The document handed over as an object is streamed: the same bytes the text path writes, contract fields included. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"exitCode\":0,\"steps\":[{\"a\":1.5e3,\"b\":[true,null,\"\\u00e9\\n\"]}],\"n\":-7,\"s\":0.125} | 0 |",
            "{\"exitCode\":1,\"error\":\"it broke\",\"x\":{}}                                       | 1 | disk full",
            "{\"steps\":[]}                                                                        | 3 |",
            "{\"exitCode\":2}                                                                      | 2 | bad value",
    })
    void aDocumentObjectIsStreamedAsItsTextWouldBe(String doc, int exit, String error) throws Exception {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> object = TREE.readValue(doc.strip(), java.util.LinkedHashMap.class);
        var captured = new JsonContract.Capture();
        captured.document(object);
        var out = new java.io.StringWriter();
        JsonContract.write(new java.io.PrintWriter(out), captured, exit, error);
        assertEquals(JsonContract.document(doc.strip(), exit, error) + System.lineSeparator(), out.toString());
    }

    @org.junit.jupiter.api.Test
    void aDocumentBesideOtherOutputIsWrappedWithBoth() throws Exception {
        var captured = new JsonContract.Capture();
        captured.println("stray line");
        captured.document(new java.util.LinkedHashMap<>(java.util.Map.of("exitCode", 0)));
        var out = new java.io.StringWriter();
        JsonContract.write(new java.io.PrintWriter(out), captured, 1, null);
        var doc = TREE.readTree(out.toString());
        assertEquals(1, doc.get("exitCode").asInt(), out.toString());
        assertEquals("exit status 1", doc.get("error").asText(), out.toString());
        org.junit.jupiter.api.Assertions.assertTrue(doc.get("output").asText().startsWith("stray line"), out.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all",
            "{\"exitCode\":0} {\"exitCode\":0}",
            "[1,2]",
    })
    void anythingButOneObjectIsWrappedWithTheOutput(String text) throws Exception {
        var out = TREE.readTree(JsonContract.document(text, 2, null));
        assertEquals(2, out.get("exitCode").asInt());
        assertEquals(text, out.get("output").asText());
    }
}
