/**
 * What every verb runs with: the client, the outcome, progress and the what-if plan (Context, Plan); imported by
 * the verb packages, importing none of them.
 */
package prestage.core.verb;
