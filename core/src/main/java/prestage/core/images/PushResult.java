package prestage.core.images;

import java.util.List;

/**
 * What one push decided and did, before it is put in words ({@link PushWording}).
 *
 * @param to              the store folder as the client names it
 * @param manifest        its {@code SHA256SUMS}
 * @param newFolder       the store folder as a folder ({@code C:\X\}) when this push creates it; null when it was there
 * @param plans           every file, with what was decided for it
 * @param results         what happened to the files that ran (all of them when not under what-if)
 * @param manifestChanges the manifest gets (or would get) new entries
 * @param seconds         the copy's wall time; 0 under what-if
 */
record PushResult(String to, String manifest, int jobs, String newFolder, List<FilePlan> plans, List<PushVerb.FileResult> results,
                  boolean manifestChanges, boolean manifestExisted, boolean whatIf, double seconds) {
}
