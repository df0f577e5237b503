package prestage.core.client.local.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;

import prestage.core.verb.registry.RegistryVerb;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.client.open.Clients;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;

/** The live registry, judged by jna-platform's own readers; writes only under HKCU\Software\prestage-test-*. */
@EnabledOnOs(OS.WINDOWS)
class LiveRegistryTest {
    private final String sub = "Software\\prestage-test-" + UUID.randomUUID();
    private final String key = "HKCU\\" + sub;

    private RegistryVerb verb() {
        return new RegistryVerb(new Context(Clients.open("live", null), new Outcome(false), Progress.NONE));
    }

    @AfterEach
    void cleanUp() {
        if (Advapi32Util.registryKeyExists(WinReg.HKEY_CURRENT_USER, sub)) {
            verb().delete(new RegistryDeleteRequest(key, null, null));
        }
    }

    @Test
    void setsReadsAndDeletesEveryType() {
        RegistryVerb v = verb();
        assertEquals(Status.CHANGED, v.set(new RegistrySetRequest(key, "Sz", "C:\\MED-V Images", null, null)).status());
        assertEquals(Status.OK, v.set(new RegistrySetRequest(key, "Sz", "C:\\MED-V Images", null, null)).status());
        v.set(new RegistrySetRequest(key, "Dw", "0x2a", "REG_DWORD", null));
        v.set(new RegistrySetRequest(key, "Qw", "0x0102030405060708", "REG_QWORD", null));
        v.set(new RegistrySetRequest(key, "Ms", "a\\0b", "REG_MULTI_SZ", null));
        v.set(new RegistrySetRequest(key, "Ex", "%TEMP%", "REG_EXPAND_SZ", null));
        v.set(new RegistrySetRequest(key, "Bi", "01ff", "REG_BINARY", null));
        assertEquals("C:\\MED-V Images", Advapi32Util.registryGetStringValue(WinReg.HKEY_CURRENT_USER, sub, "Sz"));
        assertEquals(42, Advapi32Util.registryGetIntValue(WinReg.HKEY_CURRENT_USER, sub, "Dw"));
        assertEquals(0x0102030405060708L, Advapi32Util.registryGetLongValue(WinReg.HKEY_CURRENT_USER, sub, "Qw"));
        assertEquals(List.of("a", "b"), List.of(Advapi32Util.registryGetStringArray(WinReg.HKEY_CURRENT_USER, sub, "Ms")));
        assertEquals("%TEMP%", Advapi32Util.registryGetExpandableStringValue(WinReg.HKEY_CURRENT_USER, sub, "Ex"));
        assertEquals(2, Advapi32Util.registryGetBinaryValue(WinReg.HKEY_CURRENT_USER, sub, "Bi").length);
        assertEquals("0x2a", v.read(new RegistryGetRequest(key, "Dw", null)).orElseThrow().displayData());
        assertEquals(Status.CHANGED, v.delete(new RegistryDeleteRequest(key, "Dw", null)).status());
        assertEquals(Status.OK, v.delete(new RegistryDeleteRequest(key, "Dw", null)).status());
        assertEquals(Status.CHANGED, v.delete(new RegistryDeleteRequest(key, null, null)).status());
        assertTrue(!Advapi32Util.registryKeyExists(WinReg.HKEY_CURRENT_USER, sub));
    }

    @Test
    void viewsAreChosenByFlagsNotPaths() {
        RegistryVerb v = verb();
        v.set(new RegistrySetRequest(key, "In32", "x", null, 32));
        assertEquals("x", v.read(new RegistryGetRequest(key, "In32", 32)).orElseThrow().displayData());
        assertEquals(Status.CHANGED, v.delete(new RegistryDeleteRequest(key, null, 32)).status());
    }
}
