// Loaded in every embed page; posts messages to the parent page. Filled in shortly.
