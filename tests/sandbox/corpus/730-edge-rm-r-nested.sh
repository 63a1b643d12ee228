mkdir -p q/w/e; touch q/w/e/f; rm -r q; [ -e q ] || echo gone
