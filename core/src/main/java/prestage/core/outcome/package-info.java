/**
 * The result of a run: steps (ok, changed, failed) with their diffs, and the exit statuses; used by every verb and
 * face.
 */
package prestage.core.outcome;
