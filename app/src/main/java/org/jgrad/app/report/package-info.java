/** The self-contained report.html of a run ({@link org.jgrad.app.report.HtmlReport}). */
package org.jgrad.app.report;
