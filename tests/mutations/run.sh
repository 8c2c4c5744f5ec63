#!/usr/bin/env bash
# Mutation check for the item filters (not part of ./map test): in a scratch copy of the working tree, make the SQL
# ignore one filter at a time — confidence, kind, actor, datetime — run the integration tests against it, and print
# "mutation X: killed by N tests" (or "SURVIVED"). A filter whose mutation survives has no test that needs it.
#
#   tests/mutations/run.sh [mutation ...]     # default: all four; MAP_PG_PORT / MAP_PG_DATA as for ./map
#
# The mutations are small edits of src/Map.Data/Queries/FeatureSql.cs anchored on stable names (the Translate method
# of CQL2 filters, which the property parameters also go through, and the valid-time condition of Where). An anchor
# that is no longer there is reported as "NOT APPLIED", never as killed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ./map's cluster asks for passwords over TCP: postgres's is in .local/pgpass (psql, pgbench and Npgsql read it).
export PGPASSFILE="${PGPASSFILE:-$REPO/.local/pgpass}"
SQL=src/Map.Data/Queries/FeatureSql.cs
MUTATIONS=("${@:-confidence kind actor datetime}")
read -r -a MUTATIONS <<<"${MUTATIONS[*]}"

"$REPO/map" db start
export MAP_TEST_ADMIN_CONNECTION="Host=127.0.0.1;Port=${MAP_PG_PORT:-55432};Username=postgres;Database=postgres"

SCRATCH="$(mktemp -d /tmp/map-mutations.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
# Tracked and untracked (not ignored) files of the working tree: what is being tested, committed or not.
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$SCRATCH"
cp "$SCRATCH/$SQL" "$SCRATCH/$SQL.original"

# A comparison, LIKE, BETWEEN, IN or IS NULL on the named queryable becomes TRUE: the filter is ignored.
ignore_property() {
  cat > "$SCRATCH/src/Map.Data/Queries/MutantFilter.cs" <<CS
namespace Map.Data.Queries;

internal static class MutantFilter
{
    public static bool Ignores(FilterExpression expression) => expression switch
    {
        ComparisonExpression c => Names(c.Left) || Names(c.Right),
        LikeExpression like => Names(like.Value),
        BetweenExpression between => Names(between.Value),
        InExpression @in => Names(@in.Value),
        IsNullExpression isNull => Names(isNull.Value),
        _ => false,
    };

    private static bool Names(ScalarOperand operand) => operand is PropertyOperand { Property.Name: "$1" };
}
CS
  sed -i 's/\(public static string Translate(FilterExpression expression, SqlParameters p) =>\) expression switch/\1 MutantFilter.Ignores(expression) ? "TRUE" : expression switch/' \
    "$SCRATCH/$SQL"
}

# The datetime parameter adds no condition.
ignore_datetime() {
  sed -i 's/if (query\.ValidTime is { } time)/if (query.ValidTime is { } time \&\& query.Limit < 0)/' "$SCRATCH/$SQL"
}

# Runs the integration tests in the scratch copy; prints the number of failed tests, and their names to $2.
run_tests() {
  local results="$SCRATCH/results-$1"
  rm -rf "$results"
  (cd "$SCRATCH" && dotnet test tests/Map.IntegrationTests -c Release -p:TreatWarningsAsErrors=false \
    --logger "trx;LogFileName=run.trx" --results-directory "$results" >"$results.log" 2>&1) || true
  local trx="$results/run.trx"
  if [ ! -f "$trx" ]; then echo "build-failed"; tail -20 "$results.log" >&2; return; fi
  grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | sed 's/.*testName="\([^"]*\)".*/\1/' \
    | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' >"$2" || true
  wc -l <"$2" | tr -d ' '
}

echo "baseline (no mutation)…"
baseline=$(run_tests baseline "$SCRATCH/baseline-failures")
if [ "$baseline" != 0 ]; then echo "the unmutated tests fail ($baseline); fix them first:"; cat "$SCRATCH/baseline-failures"; exit 1; fi
echo "baseline: $(grep -o '<Counters [^>]*' "$SCRATCH/results-baseline/run.trx" | sed 's/.* total="\([0-9]*\)".*/\1/') tests, none failed"

for mutation in "${MUTATIONS[@]}"; do
  cp "$SCRATCH/$SQL.original" "$SCRATCH/$SQL"
  rm -f "$SCRATCH/src/Map.Data/Queries/MutantFilter.cs"
  case "$mutation" in
    confidence|kind|actor) ignore_property "$mutation" ;;
    datetime) ignore_datetime ;;
    *) echo "unknown mutation '$mutation'"; exit 2 ;;
  esac
  if cmp -s "$SCRATCH/$SQL" "$SCRATCH/$SQL.original"; then echo "mutation $mutation: NOT APPLIED (its anchor is not in $SQL)"; continue; fi
  killed=$(run_tests "$mutation" "$SCRATCH/$mutation-failures")
  case "$killed" in
    build-failed) echo "mutation $mutation: NOT APPLIED (the mutated source does not build)" ;;
    0) echo "mutation $mutation: SURVIVED" ;;
    *) echo "mutation $mutation: killed by $killed tests"; sort "$SCRATCH/$mutation-failures" | cut -c1-150 | sed 's/^/    /' | head -8
       [ "$killed" -gt 8 ] && echo "    …" ;;
  esac
done
