package dev.concurrencylab.core.lesson;

/**
 * Where a lesson stands in the curriculum: chapter 1 is threads, 2 child processes, 3 channels
 * between processes; later chapters take the next numbers. The tour and {@code list} go in this
 * order; a lesson states its own place, so no central list has to know every module.
 *
 * @param chapter the chapter, from 1
 * @param number  the lesson's number within its chapter, from 1
 */
public record Place(int chapter, int number) implements Comparable<Place> {

    public Place {
        if (chapter < 1 || number < 1) {
            throw new IllegalArgumentException("chapters and lessons count from 1, not " + chapter + "." + number);
        }
    }

    /** {@code "1.9"}: chapter 1, lesson 9. */
    public static Place parse(String place) {
        int dot = place.indexOf('.');
        try {
            return new Place(Integer.parseInt(place.substring(0, dot)), Integer.parseInt(place.substring(dot + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a place is chapter.number, like 1.9, not '" + place + "'", e);
        }
    }

    @Override
    public int compareTo(Place other) {
        return chapter != other.chapter ? Integer.compare(chapter, other.chapter) : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return chapter + "." + number;
    }
}
