def as_of(dag_run, triggering_asset_events):
    """The time this run's data is judged against (`meshlake run --as-of`): freshness rules measure the age
    of the newest event from it.

    In order: the run's conf "as_of" (e.g. to re-run an old extract); the run's logical date (scheduled
    runs, triggers with a logical date, backfills); for an asset-triggered run, the newest as-of carried by
    the product events that triggered it, so a consumer judges the same extract as its producer; else the
    time the run became due.
    """
    explicit = (dag_run.conf or {}).get("as_of")
    if explicit:
        return str(explicit)
    if dag_run.logical_date:
        return dag_run.logical_date.isoformat()
    upstream = [
        event.extra["as_of"]
        for events in triggering_asset_events.values()
        for event in events
        if event.extra and event.extra.get("as_of")
    ]
    if upstream:
        return max(upstream, key=pendulum.parse)
    return dag_run.run_after.isoformat()


class MeshlakeSubmit(SparkSubmitOperator):
    """spark-submit of one task's table builds. A gold task's asset events carry the run's as-of (extra "as_of"), 
    so the domains scheduled on that product judge their data against the same time."""

    def execute(self, context):
        super().execute(context)
        when = as_of(context["dag_run"], context["triggering_asset_events"])
        for asset in self.outlets:
            context["outlet_events"][asset].extra = {"as_of": when}
