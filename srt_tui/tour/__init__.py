"""The guided tour for trainers and new users: steps as data (:mod:`.steps`), a small panel
(:mod:`.panel`) and the controller that walks them over the real app (:mod:`.controller`)."""
