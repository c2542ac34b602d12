/** Making, sending, answering and following cooperation requests; the deadline jobs. */
package org.amicus.core.cooperation.boundary;
