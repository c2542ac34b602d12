/**
 * Need-to-know routing (issue 5): given a message's marking, exactly which organisations and persons
 * may receive it. "Who may see this message?" is answered here and nowhere else.
 */
package org.amicus.core.routing;
