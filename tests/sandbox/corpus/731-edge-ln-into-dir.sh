mkdir links; ln -s ../lines.txt links/; ls links; cat links/lines.txt | head -1
