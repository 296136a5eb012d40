package dev.estore.snapshot.run;

/**
 * What one snapshot run found, per source key.
 *
 * @param newKeys keys seen for the first time: a first version
 * @param reappeared keys whose earlier versions were all closed and that are back in the source: a new version
 * @param changed keys whose checked columns (or update time) changed: current version closed, new one inserted
 * @param closed keys gone from the source whose current version was closed (invalidate_hard_deletes: true)
 * @param keptVanished keys gone from the source whose current version stays current (invalidate_hard_deletes:
 *        false)
 * @param unchanged keys whose current version still matches the source: untouched
 */
public record Changes(long newKeys, long reappeared, long changed, long closed, long keptVanished, long unchanged) {

    public static final Changes NONE = new Changes(0, 0, 0, 0, 0, 0);

    /** Versions this run inserts. */
    public long inserted() {
        return newKeys + reappeared + changed;
    }

    /** Current versions this run closes. */
    public long closedVersions() {
        return changed + closed;
    }
}
