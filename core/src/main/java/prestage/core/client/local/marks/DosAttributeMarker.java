package prestage.core.client.local.marks;

import prestage.core.images.ReadOnlyMarker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.DosFileAttributes;

/** The DOS read-only attribute, as {@code attrib +R} and robocopy's {@code /A+:R} set it. */
public final class DosAttributeMarker implements ReadOnlyMarker {
    @Override
    public boolean isReadOnly(Path file) throws IOException {
        return Files.readAttributes(file, DosFileAttributes.class).isReadOnly();
    }

    @Override
    public void setReadOnly(Path file, boolean readOnly) throws IOException {
        var view = Files.getFileAttributeView(file, DosFileAttributeView.class);
        if (view == null) throw new IOException(file + ": this filesystem has no DOS attributes");
        view.setReadOnly(readOnly);
    }
}
