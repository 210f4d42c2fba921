/**
 * Reverse-mode automatic differentiation, define-by-run: ops record a {@link org.jgrad.autograd.Node}
 * on their output, and {@link org.jgrad.autograd.Graph#backward} walks the graph in reverse
 * topological order, adding each op's gradient contributions into its inputs.
 */
package org.jgrad.autograd;
