package dev.concurrencylab.cluster;

import dev.concurrencylab.core.testing.EveryLessonKeepsItsPromises;

/** Every lesson of the cluster chapter, run quick, keeps the promises it declares. */
class LessonsKeepTheirPromisesTest extends EveryLessonKeepsItsPromises {}
