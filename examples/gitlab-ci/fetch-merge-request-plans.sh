#!/bin/sh
# Downloads, into ./cdktf.out and ./plans, the synthesized stacks and saved plans of the
# last successful pipeline of the merge request that produced $CI_COMMIT_SHA (the merge
# commit on the default branch). Needs curl, unzip, node and HYBRID_GITLAB_TOKEN.
set -eu
api="$CI_API_V4_URL/projects/$CI_PROJECT_ID"
get() { curl -fsS --header "PRIVATE-TOKEN: $HYBRID_GITLAB_TOKEN" "$1"; }
json() { node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const v=(new Function("d","return "+process.argv[1]))(JSON.parse(s));console.log(v===undefined?"":v)})' "$1"; }

iid=$(get "$api/repository/commits/$CI_COMMIT_SHA/merge_requests" | json 'd.filter(m => m.state === "merged").map(m => m.iid)[0]')
[ -n "$iid" ] || { echo "no merged merge request for $CI_COMMIT_SHA: nothing approved to apply" >&2; exit 1; }
pipeline=$(get "$api/merge_requests/$iid/pipelines" | json 'd.filter(p => p.status === "success").map(p => p.id)[0]')
[ -n "$pipeline" ] || { echo "merge request !$iid has no successful pipeline (its gate did not pass): nothing to apply" >&2; exit 1; }
for job in $(get "$api/pipelines/$pipeline/jobs?per_page=100&scope[]=success" | json 'd.filter(j => j.name === "synth" || j.name.startsWith("plan ")).map(j => j.id).join(" ")'); do
  get "$api/jobs/$job/artifacts" > /tmp/artifacts.zip
  unzip -oq /tmp/artifacts.zip
done
echo "merge request !$iid, pipeline $pipeline: $(ls plans/*.tfplan 2>/dev/null | wc -l) saved plans"
