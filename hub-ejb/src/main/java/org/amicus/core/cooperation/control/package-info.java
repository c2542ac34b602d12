/** The wire form of cooperation requests and events, and how an arriving event fits the chain both sides hold. */
package org.amicus.core.cooperation.control;
