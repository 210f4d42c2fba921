/** Test helpers for the engine: element-wise assertions with stated tolerances, and seeded inputs that keep gradient checks away from kinks. */
package org.jgrad.testing;
