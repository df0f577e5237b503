package prestage.core.operations;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import prestage.core.BadInputException;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.profile.Profile;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.registry.RegistryView;
import prestage.core.registry.ValueType;
import prestage.core.verb.store.StoreRequest;

/** Each request holds its defaults and refuses bad arguments itself, with the one-line message every face shows. */
class RequestsTest {

    @Test
    void defaultsLiveInTheRequests() {
        assertEquals("sddl", new AclShowRequest("C:\\x").format());
        assertEquals("icacls", new AclShowRequest("C:\\x", " ICACLS ").format());
        assertEquals(ValueType.REG_SZ, new RegistrySetRequest("HKLM\\SOFTWARE\\X", "n", "v").valueType());
        assertEquals("REG_SZ", new RegistrySetRequest("HKLM\\SOFTWARE\\X", "n", "v", " ", null).type());
        assertEquals(RegistryView.NATIVE, new RegistryGetRequest("HKLM\\SOFTWARE\\X", null, null).registryView());
        assertEquals(RegistryView.BITS_32, new RegistryGetRequest("HKLM\\SOFTWARE\\X", null, 32).registryView());
        assertEquals(PushOptions.DEFAULTS, new PushRequest(List.of("/src"), "C:\\to").options());
        assertEquals(Profile.MEDV.msiPackage(), new StatusRequest("C:\\").msiPackageOf(Profile.MEDV));
        assertEquals("other.msi", new StatusRequest("C:\\", "other.msi").msiPackageOf(Profile.MEDV));
    }

    @Test
    void badArgumentsAreRefusedWhenTheRequestIsMade() {
        assertEquals("acl show: unknown format 'xml'; use sddl, icacls, cacls or json",
                assertThrows(BadInputException.class, () -> new AclShowRequest("C:\\x", "xml")).getMessage());
        assertEquals("push: no destination; give --to DIR, the store folder (e.g. C:\\MED-V Images\\PrestagedImages)",
                assertThrows(BadInputException.class, () -> new PushRequest(List.of("/src"), " ")).getMessage());
        assertEquals("registry view 16: use 32 or 64 (or leave it out for the native view)",
                assertThrows(BadInputException.class, () -> new RegistryGetRequest("HKLM\\X", null, 16)).getMessage());
        assertEquals("registry set HKLM\\X: give the value name (\"\" or @ for the key's default value)",
                assertThrows(BadInputException.class, () -> new RegistrySetRequest("HKLM\\X", null, "v")).getMessage());
        assertThrows(BadInputException.class, () -> new RegistrySetRequest("HKLM\\X", "n", "v", "REG_NONE", null));
        assertEquals("registry export HKLM\\X: give the .reg file to write",
                assertThrows(BadInputException.class, () -> new RegistryExportRequest("HKLM\\X", "", null)).getMessage());
        assertThrows(BadInputException.class, () -> new VerifyRequest(null, false));
        assertThrows(BadInputException.class, () -> new StoreRequest(""));
        assertEquals("msi: 'setup.exe' is not an .msi package; give the client package, e.g. MED-V_1.0.65.msi",
                assertThrows(BadInputException.class, () -> new MsiRequest("setup.exe", Map.of())).getMessage());
    }

    @Test
    void msiPropertiesFromTheCommandLineKeepTheirOrderAndRefuseOneGivenTwice() {
        assertEquals(List.of("VMSFOLDER", "START_MEDV"), List.copyOf(MsiRequest.properties(List.of("VMSFOLDER=C:\\A", "START_MEDV=0")).keySet()));
        assertEquals("msi: VMSFOLDER is given twice (VMSFOLDER=C:\\A and vmsfolder=C:\\B); give it once",
                assertThrows(BadInputException.class, () -> MsiRequest.properties(List.of("VMSFOLDER=C:\\A", "vmsfolder=C:\\B"))).getMessage());
        assertEquals("msi: 'x' is not PROPERTY=VALUE", assertThrows(BadInputException.class, () -> MsiRequest.properties(List.of("x"))).getMessage());
    }
}
