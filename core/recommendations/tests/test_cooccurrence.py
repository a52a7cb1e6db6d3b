from core.recommendations.cooccurrence import collaborative_scores, item_neighbors, popularity


def test_listings_that_the_same_buyers_engage_with_are_neighbours():
    histories = [{1: 1.0, 2: 1.0}, {1: 1.0, 2: 2.0, 3: 1.0}, {1: 1.0, 2: 1.0}, {3: 1.0, 4: 1.0}]

    neighbors = item_neighbors(histories)

    assert neighbors[1][0][0] == 2  # three buyers share 1 and 2, one shares 1 and 3
    assert [other for other, _ in neighbors[1]] == [2, 3]
    assert 1 not in dict(neighbors[4]) and dict(neighbors[4]) == {3: neighbors[4][0][1]}


def test_a_buyer_who_touched_many_listings_says_less_about_each_pair():
    focused = item_neighbors([{1: 1.0, 2: 1.0}])
    scattered = item_neighbors([{1: 1.0, 2: 1.0, **{n: 1.0 for n in range(10, 30)}}])

    assert dict(focused[1])[2] > dict(scattered[1])[2]


def test_scores_add_up_over_the_history_and_name_the_strongest_source():
    neighbors = {1: [(5, 0.5), (6, 0.1)], 2: [(5, 0.2), (7, 0.9)]}

    scores = collaborative_scores({1: 2.0, 2: 1.0}, neighbors)

    assert scores[5] == (2.0 * 0.5 + 1.0 * 0.2, 1)
    assert scores[7] == (0.9, 2)


def test_popularity_counts_each_buyer_once_per_listing():
    assert popularity([[1, 1, 2], [1]]) == {1: 2.0, 2: 1.0}
