package prestage.core.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code acl show --format json}: every field of the descriptor, names beside SIDs and masks. */
public final class DescriptorJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DescriptorJson() {
    }

    public static String render(String path, String store, SecurityDescriptor sd) {
        try {
            return JSON.writeValueAsString(toMap(path, store, sd)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of a descriptor cannot fail", e);
        }
    }

    public static Map<String, Object> toMap(String path, String store, SecurityDescriptor sd) {
        var m = new LinkedHashMap<String, Object>();
        m.put("path", path);
        m.put("store", store);
        if (sd == null) {
            m.put("descriptor", null);
            return m;
        }
        String sddl;
        try {
            sddl = Sddl.format(sd);
        } catch (SecurityFormatException e) {
            sddl = null;
        }
        m.put("sddl", sddl);
        m.put("control", String.format("0x%04x", sd.control()));
        m.put("controlFlags", ControlFlag.of(sd.control()).stream().map(Enum::name).toList());
        m.put("protected", sd.isDaclProtected());
        m.put("owner", principal(sd.owner()));
        m.put("group", principal(sd.group()));
        m.put("nullDacl", sd.hasNullDacl());
        m.put("dacl", sd.dacl() == null ? null : aces(sd.dacl()));
        m.put("canonical", CanonicalOrder.isCanonical(sd.dacl()));
        if (sd.sacl() != null) m.put("sacl", aces(sd.sacl()));
        return m;
    }

    private static Map<String, Object> principal(Sid sid) {
        if (sid == null) return null;
        var m = new LinkedHashMap<String, Object>();
        m.put("sid", sid.toString());
        m.put("name", Principals.displayName(sid));
        return m;
    }

    private static List<Object> aces(Acl acl) {
        var out = new ArrayList<Object>();
        for (Ace ace : acl.aces()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("type", ace.type().name());
            m.put("sid", ace.sid().toString());
            m.put("name", Principals.displayName(ace.sid()));
            m.put("flags", AceFlag.of(ace.flags()).stream().map(Enum::name).toList());
            m.put("inherited", ace.isInherited());
            m.put("mask", AccessMask.hex(ace.mask()));
            m.put("rights", AccessMask.bitNames(ace.mask()));
            if (ace.objectType() != null) m.put("objectType", ace.objectType().toString());
            if (ace.inheritedObjectType() != null) m.put("inheritedObjectType", ace.inheritedObjectType().toString());
            if (ace.applicationData().length > 0) m.put("applicationData", java.util.HexFormat.of().formatHex(ace.applicationData()));
            out.add(m);
        }
        return out;
    }
}
