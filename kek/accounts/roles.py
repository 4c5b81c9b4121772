"""The roles of SPEC §1 that are groups (participants are simply signed-in users)."""

PLANNER = "planner"
ADMIN = "admin"

GROUPS = {
    PLANNER: "Kreisentwicklung: bearbeitet Zielsystem, Daten, Seiten",
    ADMIN: "IT des Landkreises: Benutzer, Rollen, Einstellungen",
}
