ls -d */
