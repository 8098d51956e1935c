/* Macromedia menu script placeholder */
function MM_preloadImages() { return true; }
