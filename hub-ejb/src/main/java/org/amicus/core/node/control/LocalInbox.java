package org.amicus.core.node.control;

/**
 * The node's own inbox queue, as the core sees it. Implemented over Jakarta Messaging in
 * hub-messaging. A post joins the caller's transaction: if that rolls back, nothing was posted.
 */
public interface LocalInbox {

    void post(InboxItem item);
}
