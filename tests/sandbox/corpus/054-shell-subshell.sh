x=1; (x=2; echo inner $x); echo outer $x
(cd dir && pwd | sed "s|.*/||"); pwd | sed "s|.*/||"
