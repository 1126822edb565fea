//! Dependency graphs of jobs (GitHub's `needs:`, CircleCI's `requires:`).

/// The cycles of a graph given as each node's edges `(to, label)`: each cycle once, as the
/// nodes on it from where it starts back to that node, with the label of the edge that closes
/// it. Depth-first and iterative, so a 5,000-job file does not overflow the stack.
pub fn cycles<T: Copy>(edges: &[Vec<(usize, T)>]) -> Vec<(Vec<usize>, T)> {
    let mut out = Vec::new();
    // 0 unseen, 1 on the current path, 2 done.
    let mut state = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let Some(&(to, label)) = edges[node].get(*next) else {
                state[node] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state.get(to) {
                Some(0) => {
                    state[to] = 1;
                    path.push((to, 0));
                }
                Some(1) => {
                    let from = path.iter().position(|&(j, _)| j == to).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[from..].iter().map(|&(j, _)| j).collect();
                    cycle.push(to);
                    out.push((cycle, label));
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_each_cycle_once_with_its_closing_edge() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0.
        let edges = vec![
            vec![(1, 'a')],
            vec![(2, 'b')],
            vec![(0, 'c')],
            vec![(3, 'd')],
            vec![(0, 'e')],
        ];
        assert_eq!(
            cycles(&edges),
            vec![(vec![0, 1, 2, 0], 'c'), (vec![3, 3], 'd')]
        );
        assert!(cycles(&[vec![(1, ())], vec![]]).is_empty());
        // An edge to a node that does not exist is ignored.
        assert!(cycles(&[vec![(7, ())]]).is_empty());
    }
}
