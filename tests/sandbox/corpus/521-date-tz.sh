TZ=UTC date -d @0 +%Z
TZ=UTC0 date -d @3600 +%H
