#!/bin/bash
# usage: memwatch.sh cmd... ; prints peak RSS per pid (MB) of the tree
"$@" > /dev/null 2>&1 &
root=$!
declare -A peak
while kill -0 $root 2>/dev/null; do
  for p in $root $(pgrep -P $root); do
    r=$(awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null)
    [ -n "$r" ] && { [ -z "${peak[$p]}" ] || [ $r -gt ${peak[$p]} ]; } && peak[$p]=$r
  done
  sleep 0.1
done
for p in "${!peak[@]}"; do echo "$p $((${peak[$p]}/1024)) MB"; done
