package dev.concurrencylab.process;

import dev.concurrencylab.core.testing.EveryLessonKeepsItsPromises;

/** Every lesson of this module, run with --quick and held to its declared keys and outcomes. */
class LessonsKeepTheirPromisesTest extends EveryLessonKeepsItsPromises {}
