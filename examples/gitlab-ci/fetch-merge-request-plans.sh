#!/bin/sh
# Downloads, into ./plans, the saved plans (and their stacks' JSON) that the job named $1 (an
# apply shard's counterpart, e.g. "plan 3/8") kept in the last successful pipeline of the merge
# request that produced $CI_COMMIT_SHA (the merge commit on the default branch). Needs curl,
# unzip, node and HYBRID_GITLAB_TOKEN.
set -eu
job_name="$1"
api="$CI_API_V4_URL/projects/$CI_PROJECT_ID"
get() { curl -fsS --header "PRIVATE-TOKEN: $HYBRID_GITLAB_TOKEN" "$1"; }
json() { node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const v=(new Function("d","return "+process.argv[1]))(JSON.parse(s));console.log(v===undefined?"":v)})' "$1"; }

iid=$(get "$api/repository/commits/$CI_COMMIT_SHA/merge_requests" | json 'd.filter(m => m.state === "merged").map(m => m.iid)[0]')
[ -n "$iid" ] || { echo "no merged merge request for $CI_COMMIT_SHA: nothing approved to apply" >&2; exit 1; }
pipeline=$(get "$api/merge_requests/$iid/pipelines" | json 'd.filter(p => p.status === "success").map(p => p.id)[0]')
[ -n "$pipeline" ] || { echo "merge request !$iid has no successful pipeline (its gate did not pass): nothing to apply" >&2; exit 1; }
job=$(get "$api/pipelines/$pipeline/jobs?per_page=100&scope[]=success" | JOB_NAME="$job_name" json 'd.filter(j => j.name === process.env.JOB_NAME).map(j => j.id)[0]')
mkdir -p plans
if [ -n "$job" ]; then
  get "$api/jobs/$job/artifacts" > /tmp/artifacts.zip
  unzip -oq /tmp/artifacts.zip
fi
echo "merge request !$iid, pipeline $pipeline, $job_name: $(ls plans/*.tfplan 2>/dev/null | wc -l) saved plans"
