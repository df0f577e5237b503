package prestage.core.outcome;

/** What a step found or did. Under what-if, CHANGED means "would change". */
public enum Status {
    OK, CHANGED, DRIFT, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
